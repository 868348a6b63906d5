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
        var i = 0;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                var rowHasForeground = false;
                for (var z = 0; z < shape.Z; z++, i++)
                {
                    if ((a[i] | b[i]) != 0)
                    {
                        rowHasForeground = true;
                        minZ = Math.Min(minZ, z);
                        maxZ = Math.Max(maxZ, z);
                    }
                }

                if (rowHasForeground)
                {
                    minX = Math.Min(minX, x);
                    maxX = x;
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }

        return maxX < 0 ? null : new BoundingBox(minX, minY, minZ, maxX + 1, maxY + 1, maxZ + 1);
    }

    /// <summary>Copies the box out of <paramref name="source"/> (on <paramref name="shape"/>) as 0/1 bytes.</summary>
    public byte[] CropBinary(ReadOnlySpan<byte> source, VolumeShape shape)
    {
        var box = Shape;
        var crop = new byte[box.VoxelCount];
        var next = 0;
        for (var x = MinX; x < MaxX; x++)
        {
            for (var y = MinY; y < MaxY; y++)
            {
                var row = source.Slice((int)shape.IndexOf(x, y, MinZ), box.Z);
                foreach (var value in row)
                {
                    crop[next++] = value != 0 ? (byte)1 : (byte)0;
                }
            }
        }

        return crop;
    }
}
