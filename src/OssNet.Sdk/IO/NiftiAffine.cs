// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>NIfTI quaternion ↔ affine conversions (methods 1 and 2 of nifti1.h).</summary>
internal static class NiftiAffine
{
    /// <summary>How far b² + c² + d² may exceed 1 (float32 rounding) before the quaternion is rejected.</summary>
    public const double QuaternionTolerance = 1e-5;

    /// <summary>
    /// Builds the method-2 affine. Voxel sizes (<paramref name="dx"/>, <paramref name="dy"/>, <paramref name="dz"/>) that are not positive are read as 1 (nifti_clib).
    /// </summary>
    /// <returns>The affine, or null with <paramref name="problem"/> set when the quaternion is not a rotation.</returns>
    public static AffineMatrix? FromQuaternion(
        double b, double c, double d, double qx, double qy, double qz, double dx, double dy, double dz, int qfac, out string? problem)
    {
        problem = null;
        if (!double.IsFinite(b) || !double.IsFinite(c) || !double.IsFinite(d) || !double.IsFinite(qx) || !double.IsFinite(qy) || !double.IsFinite(qz))
        {
            problem = "the quaternion or qoffset is not finite";
            return null;
        }

        var norm2 = (b * b) + (c * c) + (d * d);
        double a;
        if (norm2 > 1 + QuaternionTolerance)
        {
            problem = $"the quaternion has b²+c²+d² = {norm2:G6} > 1, so it is not a rotation";
            return null;
        }

        if (1 - norm2 < 1e-7)
        {
            // A 180° rotation stored in float32: renormalise (b, c, d) and set a = 0, as nifti_clib does.
            var n = Math.Sqrt(norm2);
            (b, c, d, a) = (b / n, c / n, d / n, 0);
        }
        else
        {
            a = Math.Sqrt(1 - norm2);
        }

        dx = dx > 0 ? dx : 1;
        dy = dy > 0 ? dy : 1;
        dz = (dz > 0 ? dz : 1) * (qfac < 0 ? -1 : 1);
        double r00 = (a * a) + (b * b) - (c * c) - (d * d), r01 = 2 * ((b * c) - (a * d)), r02 = 2 * ((b * d) + (a * c));
        double r10 = 2 * ((b * c) + (a * d)), r11 = (a * a) + (c * c) - (b * b) - (d * d), r12 = 2 * ((c * d) - (a * b));
        double r20 = 2 * ((b * d) - (a * c)), r21 = 2 * ((c * d) + (a * b)), r22 = (a * a) + (d * d) - (c * c) - (b * b);
        return AffineMatrix.FromRows(
        [
            r00 * dx, r01 * dy, r02 * dz, qx,
            r10 * dx, r11 * dy, r12 * dz, qy,
            r20 * dx, r21 * dy, r22 * dz, qz,
        ]);
    }

    /// <summary>
    /// Splits an affine into quaternion (b, c, d), offset, voxel sizes and qfac, as nifti_mat44_to_quatern does: the
    /// columns are normalised, a negative determinant flips the third column (qfac = −1), and a sheared rotation part
    /// is replaced by its nearest orthogonal matrix (polar decomposition).
    /// </summary>
    public static (double B, double C, double D, double Dx, double Dy, double Dz, int Qfac) ToQuaternion(AffineMatrix affine)
    {
        var (dx, dy, dz) = affine.ColumnNorms;
        var r = new double[3, 3];
        var norms = new[] { dx, dy, dz };
        for (var row = 0; row < 3; row++)
        {
            for (var col = 0; col < 3; col++)
            {
                r[row, col] = norms[col] > 0 ? affine[row, col] / norms[col] : (row == col ? 1 : 0);
            }
        }

        Orthogonalise(r);
        var qfac = 1;
        if (Determinant(r) < 0)
        {
            qfac = -1;
            for (var row = 0; row < 3; row++)
            {
                r[row, 2] = -r[row, 2];
            }
        }

        // Shepperd's method: pick the largest of the four candidate squares for numerical stability.
        double a, b, c, d;
        var trace = r[0, 0] + r[1, 1] + r[2, 2];
        if (trace > 0)
        {
            var s = Math.Sqrt(trace + 1) * 2;
            a = 0.25 * s;
            b = (r[2, 1] - r[1, 2]) / s;
            c = (r[0, 2] - r[2, 0]) / s;
            d = (r[1, 0] - r[0, 1]) / s;
        }
        else if (r[0, 0] > r[1, 1] && r[0, 0] > r[2, 2])
        {
            var s = Math.Sqrt(1 + r[0, 0] - r[1, 1] - r[2, 2]) * 2;
            a = (r[2, 1] - r[1, 2]) / s;
            b = 0.25 * s;
            c = (r[0, 1] + r[1, 0]) / s;
            d = (r[0, 2] + r[2, 0]) / s;
        }
        else if (r[1, 1] > r[2, 2])
        {
            var s = Math.Sqrt(1 + r[1, 1] - r[0, 0] - r[2, 2]) * 2;
            a = (r[0, 2] - r[2, 0]) / s;
            b = (r[0, 1] + r[1, 0]) / s;
            c = 0.25 * s;
            d = (r[1, 2] + r[2, 1]) / s;
        }
        else
        {
            var s = Math.Sqrt(1 + r[2, 2] - r[0, 0] - r[1, 1]) * 2;
            a = (r[1, 0] - r[0, 1]) / s;
            b = (r[0, 2] + r[2, 0]) / s;
            c = (r[1, 2] + r[2, 1]) / s;
            d = 0.25 * s;
        }

        // NIfTI stores only b, c, d and derives a ≥ 0, so use the sign convention a ≥ 0.
        if (a < 0)
        {
            (b, c, d) = (-b, -c, -d);
        }

        return (b, c, d, dx, dy, dz, qfac);
    }

    private static double Determinant(double[,] m) =>
        (m[0, 0] * ((m[1, 1] * m[2, 2]) - (m[1, 2] * m[2, 1])))
        - (m[0, 1] * ((m[1, 0] * m[2, 2]) - (m[1, 2] * m[2, 0])))
        + (m[0, 2] * ((m[1, 0] * m[2, 1]) - (m[1, 1] * m[2, 0])));

    /// <summary>Replaces <paramref name="m"/> by the orthogonal factor of its polar decomposition (Newton iteration Q ← (Q + Q⁻ᵀ)/2).</summary>
    private static void Orthogonalise(double[,] m)
    {
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var det = Determinant(m);
            if (Math.Abs(det) < 1e-12)
            {
                return;
            }

            // Inverse transpose = cofactor matrix / det.
            var next = new double[3, 3];
            double change = 0;
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                {
                    int i1 = (i + 1) % 3, i2 = (i + 2) % 3, j1 = (j + 1) % 3, j2 = (j + 2) % 3;
                    var cofactor = (m[i1, j1] * m[i2, j2]) - (m[i1, j2] * m[i2, j1]);
                    next[i, j] = 0.5 * (m[i, j] + (cofactor / det));
                    change = Math.Max(change, Math.Abs(next[i, j] - m[i, j]));
                }
            }

            Array.Copy(next, m, 9);
            if (change < 1e-15)
            {
                return;
            }
        }
    }
}
