// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Rejects affines a geometry cannot use: singular, or with voxel sizes that are zero or overflow.</summary>
internal static class AffineChecks
{
    /// <summary>Returns <paramref name="affine"/> when it is invertible and its column norms are positive and finite.</summary>
    /// <exception cref="InvalidVolumeException">The affine is singular or its voxel sizes are not usable.</exception>
    public static AffineMatrix EnsureUsable(AffineMatrix affine, string what, string path)
    {
        var (x, y, z) = affine.ColumnNorms;
        var determinant = affine.Determinant3x3;
        if (!(Math.Abs(determinant) > 1e-12) || !double.IsFinite(determinant))
        {
            throw new InvalidVolumeException(path, $"the {what} affine is singular (determinant {determinant:G6}): {affine}");
        }

        if (!(x > 0 && y > 0 && z > 0 && double.IsFinite(x) && double.IsFinite(y) && double.IsFinite(z)))
        {
            throw new InvalidVolumeException(path, $"the {what} affine has voxel sizes ({x:G6}, {y:G6}, {z:G6}) that are not positive and finite: {affine}");
        }

        return affine;
    }
}
