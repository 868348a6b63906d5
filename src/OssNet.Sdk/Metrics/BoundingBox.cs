// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>An inclusive-exclusive box [Min, Max) of voxel indices.</summary>
internal readonly record struct BoundingBox(int MinX, int MinY, int MinZ, int MaxX, int MaxY, int MaxZ)
{
    public VolumeShape Shape => new(MaxX - MinX, MaxY - MinY, MaxZ - MinZ);

    /// <summary>Returns the box of the voxels that are non-zero in <paramref name="a"/> or <paramref name="b"/>, or null when there are none.</summary>
    public static BoundingBox? OfUnion(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, VolumeShape shape)
    {
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                var start = (int)shape.IndexOf(x, y, 0);
                var first = FirstNonZero(a.Slice(start, shape.Z), b.Slice(start, shape.Z), out var last);
                if (first < 0)
                {
                    continue; // vectorised skip of empty rows, the common case
                }

                minX = Math.Min(minX, x);
                maxX = x;
                minY = Math.Min(minY, y);
                maxY = Math.Max(maxY, y);
                minZ = Math.Min(minZ, first);
                maxZ = Math.Max(maxZ, last);
            }
        }

        return maxX < 0 ? null : new BoundingBox(minX, minY, minZ, maxX + 1, maxY + 1, maxZ + 1);
    }

    /// <summary>Returns the box of the voxels that are non-zero in any channel of <paramref name="voxels"/> (SDK layout), or null when there are none.</summary>
    public static BoundingBox? OfNonZero(ReadOnlySpan<float> voxels, VolumeShape shape, int channels)
    {
        int minX = int.MaxValue, minY = int.MaxValue, minZ = int.MaxValue, maxX = -1, maxY = -1, maxZ = -1;
        var n = (int)shape.VoxelCount;
        for (var c = 0; c < channels; c++)
        {
            var channel = voxels.Slice(c * n, n);
            for (var x = 0; x < shape.X; x++)
            {
                for (var y = 0; y < shape.Y; y++)
                {
                    var row = channel.Slice((int)shape.IndexOf(x, y, 0), shape.Z);
                    var first = row.IndexOfAnyExcept(0f);
                    if (first < 0)
                    {
                        continue;
                    }

                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                    minZ = Math.Min(minZ, first);
                    maxZ = Math.Max(maxZ, row.LastIndexOfAnyExcept(0f));
                }
            }
        }

        return maxX < 0 ? null : new BoundingBox(minX, minY, minZ, maxX + 1, maxY + 1, maxZ + 1);
    }

    /// <summary>Returns the box grown by <paramref name="margin"/> voxels on every side, clipped to <paramref name="shape"/>.</summary>
    public BoundingBox Expand(int margin, VolumeShape shape) => new(
        Math.Max(MinX - margin, 0), Math.Max(MinY - margin, 0), Math.Max(MinZ - margin, 0),
        Math.Min(MaxX + margin, shape.X), Math.Min(MaxY + margin, shape.Y), Math.Min(MaxZ + margin, shape.Z));

    /// <summary>Returns this box in the coordinates of <paramref name="outer"/> (which contains it).</summary>
    public BoundingBox RelativeTo(BoundingBox outer) => new(
        MinX - outer.MinX, MinY - outer.MinY, MinZ - outer.MinZ, MaxX - outer.MinX, MaxY - outer.MinY, MaxZ - outer.MinZ);

    /// <summary>Writes <paramref name="crop"/> (the box's voxels, z fastest) into the box of <paramref name="destination"/> (on <paramref name="shape"/>).</summary>
    public void PasteInto(ReadOnlySpan<byte> crop, Span<byte> destination, VolumeShape shape)
    {
        var depth = MaxZ - MinZ;
        var next = 0;
        for (var x = MinX; x < MaxX; x++)
        {
            for (var y = MinY; y < MaxY; y++)
            {
                crop.Slice(next, depth).CopyTo(destination.Slice((int)shape.IndexOf(x, y, MinZ), depth));
                next += depth;
            }
        }
    }

    /// <summary>Copies the box out of <paramref name="source"/> (on <paramref name="shape"/>), values unchanged.</summary>
    public byte[] Copy(ReadOnlySpan<byte> source, VolumeShape shape)
    {
        var crop = new byte[Shape.VoxelCount];
        var depth = MaxZ - MinZ;
        var next = 0;
        for (var x = MinX; x < MaxX; x++)
        {
            for (var y = MinY; y < MaxY; y++)
            {
                source.Slice((int)shape.IndexOf(x, y, MinZ), depth).CopyTo(crop.AsSpan(next, depth));
                next += depth;
            }
        }

        return crop;
    }

    /// <summary>Copies the box out of <paramref name="source"/> (on <paramref name="shape"/>) as 0/1 bytes.</summary>
    public byte[] CropBinary(ReadOnlySpan<byte> source, VolumeShape shape)
    {
        var crop = new byte[Shape.VoxelCount];
        CopyBinary(source, shape, crop);
        return crop;
    }

    /// <summary>Copies the box out of <paramref name="source"/> (on <paramref name="shape"/>) as 0/1 bytes into <paramref name="destination"/>.</summary>
    public void CopyBinary(ReadOnlySpan<byte> source, VolumeShape shape, Span<byte> destination)
    {
        var depth = MaxZ - MinZ;
        var next = 0;
        for (var x = MinX; x < MaxX; x++)
        {
            for (var y = MinY; y < MaxY; y++)
            {
                var row = source.Slice((int)shape.IndexOf(x, y, MinZ), depth);
                foreach (var value in row)
                {
                    destination[next++] = value != 0 ? (byte)1 : (byte)0;
                }
            }
        }
    }

    private static int FirstNonZero(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, out int last)
    {
        int firstA = a.IndexOfAnyExcept((byte)0), firstB = b.IndexOfAnyExcept((byte)0);
        if (firstA < 0 && firstB < 0)
        {
            last = -1;
            return -1;
        }

        last = Math.Max(a.LastIndexOfAnyExcept((byte)0), b.LastIndexOfAnyExcept((byte)0));
        return firstA < 0 ? firstB : firstB < 0 ? firstA : Math.Min(firstA, firstB);
    }
}
