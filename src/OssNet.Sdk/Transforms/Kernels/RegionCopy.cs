// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>Pad and crop in one kernel: target voxel t takes source voxel <c>t − before</c> per axis, or a fill value outside.</summary>
internal static class RegionCopy
{
    /// <summary>Copies every channel of <paramref name="source"/> into a new buffer of <paramref name="targetShape"/>.</summary>
    /// <remarks><c>before</c> is the number of voxels added before the source along each axis; negative values crop that many.
    /// Voxels with no source take <c>fill</c>.</remarks>
    public static T[] Shift<T>(ReadOnlyMemory<T> source, VolumeShape sourceShape, int channels, VolumeShape targetShape, (int X, int Y, int Z) before, T fill)
        where T : unmanaged, IEquatable<T>
    {
        var target = new T[checked(channels * targetShape.VoxelCount)];
        if (!fill.Equals(default))
        {
            target.AsSpan().Fill(fill);
        }

        var (xLo, xHi) = Overlap(before.X, sourceShape.X, targetShape.X);
        var (yLo, yHi) = Overlap(before.Y, sourceShape.Y, targetShape.Y);
        var (zLo, zHi) = Overlap(before.Z, sourceShape.Z, targetShape.Z);
        if (xLo >= xHi || yLo >= yHi || zLo >= zHi)
        {
            return target;
        }

        var sourceVoxels = (int)sourceShape.VoxelCount;
        var targetVoxels = (int)targetShape.VoxelCount;
        var rowLength = zHi - zLo;
        var xCount = xHi - xLo;
        SlabParallel.For(channels * xCount, (long)(yHi - yLo) * rowLength, slab =>
        {
            var c = slab / xCount;
            var tx = xLo + (slab % xCount);
            var sx = tx - before.X;
            var src = source.Span;
            var dst = target.AsSpan();
            for (var ty = yLo; ty < yHi; ty++)
            {
                var sy = ty - before.Y;
                var from = (c * sourceVoxels) + (int)sourceShape.IndexOf(sx, sy, zLo - before.Z);
                var to = (c * targetVoxels) + (int)targetShape.IndexOf(tx, ty, zLo);
                src.Slice(from, rowLength).CopyTo(dst.Slice(to, rowLength));
            }
        });

        return target;
    }

    /// <summary>The target index range [lo, hi) whose source index <c>t − before</c> lies inside the source.</summary>
    private static (int Lo, int Hi) Overlap(int before, int sourceCount, int targetCount) =>
        (Math.Max(0, before), Math.Min(targetCount, sourceCount + before));
}
