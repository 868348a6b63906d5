// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>Axis-aligned resampling kernels on the SDK layout ([C, X, Y, Z], z fastest).</summary>
internal static class Resampling
{
    /// <summary>
    /// Trilinear resampling of every channel: target voxel t takes the tensor-product linear interpolation of the source at
    /// <c>map.SourceCoordinate(t)</c> per axis, clamped to the source grid (PyTorch <c>F.interpolate(mode="trilinear",
    /// align_corners=False)</c> when the maps are <see cref="AxisMap.Resize"/>).
    /// </summary>
    public static float[] Trilinear(ReadOnlyMemory<float> source, VolumeShape sourceShape, int channels, VolumeShape targetShape, AxisMap mx, AxisMap my, AxisMap mz)
    {
        var tx = AxisTable.Linear(targetShape.X, sourceShape.X, mx);
        var ty = AxisTable.Linear(targetShape.Y, sourceShape.Y, my);
        var tz = AxisTable.Linear(targetShape.Z, sourceShape.Z, mz);
        var target = new float[checked(channels * targetShape.VoxelCount)];
        var sourceVoxels = (int)sourceShape.VoxelCount;
        var targetVoxels = (int)targetShape.VoxelCount;
        var sy = sourceShape.Y;
        var sz = sourceShape.Z;

        // When the target has at least half as many z samples as the source, blending whole source rows first
        // (4·Zin + 2·Zout operations) is cheaper than eight taps per target voxel (8·Zout).
        var blendRows = sz <= 2 * targetShape.Z;

        SlabParallel.For(channels * targetShape.X, (long)targetShape.Y * targetShape.Z, slab =>
        {
            var c = slab / targetShape.X;
            var x = slab % targetShape.X;
            var src = source.Span.Slice(c * sourceVoxels, sourceVoxels);
            var dst = target.AsSpan((c * targetVoxels) + (x * targetShape.Y * targetShape.Z), targetShape.Y * targetShape.Z);
            var wx = tx.UpperWeight[x];
            var x0 = tx.Lower[x] * sy * sz;
            var x1 = tx.Upper[x] * sy * sz;
            Span<float> row = blendRows ? new float[sz] : default;
            for (var y = 0; y < targetShape.Y; y++)
            {
                var wy = ty.UpperWeight[y];
                var r00 = src.Slice(x0 + (ty.Lower[y] * sz), sz);
                var r01 = src.Slice(x0 + (ty.Upper[y] * sz), sz);
                var r10 = src.Slice(x1 + (ty.Lower[y] * sz), sz);
                var r11 = src.Slice(x1 + (ty.Upper[y] * sz), sz);
                var w00 = (1 - wx) * (1 - wy);
                var w01 = (1 - wx) * wy;
                var w10 = wx * (1 - wy);
                var w11 = wx * wy;
                var outRow = dst.Slice(y * targetShape.Z, targetShape.Z);
                if (blendRows)
                {
                    for (var k = 0; k < sz; k++)
                    {
                        row[k] = (w00 * r00[k]) + (w01 * r01[k]) + (w10 * r10[k]) + (w11 * r11[k]);
                    }

                    for (var z = 0; z < outRow.Length; z++)
                    {
                        var wz = tz.UpperWeight[z];
                        outRow[z] = ((1 - wz) * row[tz.Lower[z]]) + (wz * row[tz.Upper[z]]);
                    }
                }
                else
                {
                    for (var z = 0; z < outRow.Length; z++)
                    {
                        var z0 = tz.Lower[z];
                        var z1 = tz.Upper[z];
                        var wz = tz.UpperWeight[z];
                        var lo = (w00 * r00[z0]) + (w01 * r01[z0]) + (w10 * r10[z0]) + (w11 * r11[z0]);
                        var hi = (w00 * r00[z1]) + (w01 * r01[z1]) + (w10 * r10[z1]) + (w11 * r11[z1]);
                        outRow[z] = ((1 - wz) * lo) + (wz * hi);
                    }
                }
            }
        });

        return target;
    }

    /// <summary>Nearest-neighbour resampling with per-axis index tables (one channel per <paramref name="channels"/>).</summary>
    public static T[] Nearest<T>(ReadOnlyMemory<T> source, VolumeShape sourceShape, int channels, VolumeShape targetShape, int[] ix, int[] iy, int[] iz)
        where T : unmanaged
    {
        var target = new T[checked(channels * targetShape.VoxelCount)];
        var sourceVoxels = (int)sourceShape.VoxelCount;
        var targetVoxels = (int)targetShape.VoxelCount;
        SlabParallel.For(channels * targetShape.X, (long)targetShape.Y * targetShape.Z, slab =>
        {
            var c = slab / targetShape.X;
            var x = slab % targetShape.X;
            var src = source.Span.Slice(c * sourceVoxels, sourceVoxels);
            var dst = target.AsSpan((c * targetVoxels) + (x * targetShape.Y * targetShape.Z), targetShape.Y * targetShape.Z);
            var planeStart = ix[x] * sourceShape.Y * sourceShape.Z;
            for (var y = 0; y < targetShape.Y; y++)
            {
                var srcRow = src.Slice(planeStart + (iy[y] * sourceShape.Z), sourceShape.Z);
                var outRow = dst.Slice(y * targetShape.Z, targetShape.Z);
                for (var z = 0; z < outRow.Length; z++)
                {
                    outRow[z] = srcRow[iz[z]];
                }
            }
        });

        return target;
    }
}
