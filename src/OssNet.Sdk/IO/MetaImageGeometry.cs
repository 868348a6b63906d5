// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Converts between MetaImage's LPS geometry (spacing, Offset, TransformMatrix) and the SDK's RAS+ affine.</summary>
/// <remarks>LPS and RAS differ by the sign of x and y: A_ras = diag(−1, −1, 1) · A_lps (and back, the same way).</remarks>
internal static class MetaImageGeometry
{
    /// <summary>
    /// Builds the RAS affine. <paramref name="transform"/> holds <paramref name="n"/> direction vectors of
    /// <paramref name="n"/> values, one per index axis; only the first three axes are spatial (a 4th is channels).
    /// </summary>
    public static AffineMatrix ToRas(int n, IReadOnlyList<double> spacing, IReadOnlyList<double> offsetLps, IReadOnlyList<double> transform)
    {
        var rows = new double[12];
        for (var row = 0; row < 3; row++)
        {
            var flip = row < 2 ? -1.0 : 1.0;
            for (var axis = 0; axis < 3; axis++)
            {
                double direction = axis < n && row < n ? transform[(axis * n) + row] : (row == axis ? 1 : 0);
                var step = axis < n ? spacing[axis] : 1;
                rows[(row * 4) + axis] = flip * direction * step;
            }

            rows[(row * 4) + 3] = flip * (row < n ? offsetLps[row] : 0);
        }

        return AffineMatrix.FromRows(rows);
    }

    /// <summary>Splits a RAS affine into MetaImage spacing, LPS offset and LPS direction vectors (3-D).</summary>
    public static (double[] Spacing, double[] OffsetLps, double[] Transform) FromRas(AffineMatrix affine)
    {
        var (sx, sy, sz) = affine.ColumnNorms;
        double[] spacing = [sx, sy, sz];
        var transform = new double[9];
        for (var axis = 0; axis < 3; axis++)
        {
            for (var row = 0; row < 3; row++)
            {
                var flip = row < 2 ? -1.0 : 1.0;
                transform[(axis * 3) + row] = flip * affine[row, axis] / spacing[axis];
            }
        }

        var (tx, ty, tz) = affine.Translation;
        return (spacing, [-tx, -ty, tz], transform);
    }
}
