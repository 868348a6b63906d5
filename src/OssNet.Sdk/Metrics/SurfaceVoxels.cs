// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>Surface (border) voxels of a binary mask.</summary>
/// <remarks>
/// A surface voxel is a foreground voxel with at least one 6-connected (face) neighbour that is background; voxels
/// outside the grid count as background, so foreground on the grid's faces is surface. This is
/// <c>mask ^ binary_erosion(mask)</c> with scipy's default cross-shaped structure and <c>border_value=0</c>, the
/// definition medpy and MONAI use for surface distances.
/// </remarks>
internal static class SurfaceVoxels
{
    /// <summary>Writes 1 into <paramref name="surface"/> at every surface voxel of <paramref name="mask"/> (non-zero = foreground), 0 elsewhere.</summary>
    public static void Find(ReadOnlySpan<byte> mask, VolumeShape shape, Span<byte> surface)
    {
        int sx = shape.X, sy = shape.Y, sz = shape.Z;
        var strideX = sy * sz;
        for (var x = 0; x < sx; x++)
        {
            for (var y = 0; y < sy; y++)
            {
                var row = (x * strideX) + (y * sz);
                for (var z = 0; z < sz; z++)
                {
                    var i = row + z;
                    if (mask[i] == 0)
                    {
                        surface[i] = 0;
                        continue;
                    }

                    var interior =
                        z > 0 && mask[i - 1] != 0 && z < sz - 1 && mask[i + 1] != 0
                        && y > 0 && mask[i - sz] != 0 && y < sy - 1 && mask[i + sz] != 0
                        && x > 0 && mask[i - strideX] != 0 && x < sx - 1 && mask[i + strideX] != 0;
                    surface[i] = interior ? (byte)0 : (byte)1;
                }
            }
        }
    }
}
