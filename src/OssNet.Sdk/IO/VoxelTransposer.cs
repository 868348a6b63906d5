// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>
/// Moves slabs of z-slices between file order (x fastest: index (k·Y + y)·X + x) and the SDK layout (z fastest:
/// index (x·Y + y)·Z + z) of one channel.
/// </summary>
/// <remarks>
/// Both directions walk y, then x, then the slab's k: for a fixed y the slab's rows of that y (count·X elements) stay
/// in L1, and each (x, y) touches one run of <c>count</c> consecutive z values in the SDK buffer. A slab of 16+ slices
/// therefore writes whole cache lines, without a second full-size buffer.
/// </remarks>
internal static class VoxelTransposer
{
    /// <summary>
    /// Copies <paramref name="count"/> z-slices starting at <paramref name="z0"/> from file order into an SDK channel buffer.
    /// </summary>
    /// <param name="slab">The slices in file order; element (x, y, k) of channel c is at ((k·Y + y)·X + x)·stride + offset.</param>
    /// <param name="stride">Elements per voxel in <paramref name="slab"/> (interleaved channels; 1 when planar).</param>
    /// <param name="offset">The channel's position within a voxel (0 when planar).</param>
    /// <param name="shape">The spatial shape.</param>
    /// <param name="z0">The first slice of the slab.</param>
    /// <param name="count">The number of slices in the slab.</param>
    /// <param name="channel">The channel's SDK buffer (X·Y·Z elements, z fastest).</param>
    public static void FileToSdk<T>(ReadOnlySpan<T> slab, int stride, int offset, VolumeShape shape, int z0, int count, Span<T> channel)
    {
        int nx = shape.X, ny = shape.Y, nz = shape.Z;
        var plane = nx * ny * stride;
        if (stride == 1 && count == 1)
        {
            // One slice: a strided scatter; the general loop would pay for its inner loop setup per voxel.
            for (var y = 0; y < ny; y++)
            {
                var row = slab.Slice(y * nx, nx);
                for (var x = 0; x < nx; x++)
                {
                    channel[(((x * ny) + y) * nz) + z0] = row[x];
                }
            }

            return;
        }

        for (var y = 0; y < ny; y++)
        {
            for (var x = 0; x < nx; x++)
            {
                var run = channel.Slice((((x * ny) + y) * nz) + z0, count);
                var s = (((y * nx) + x) * stride) + offset;
                for (var k = 0; k < run.Length; k++)
                {
                    run[k] = slab[s];
                    s += plane;
                }
            }
        }
    }

    /// <summary>Copies <paramref name="count"/> z-slices starting at <paramref name="z0"/> of an SDK channel buffer into file order.</summary>
    /// <param name="channel">The channel's SDK buffer (X·Y·Z elements, z fastest).</param>
    /// <param name="shape">The spatial shape.</param>
    /// <param name="z0">The first slice.</param>
    /// <param name="count">The number of slices.</param>
    /// <param name="slab">The destination in file order, element (x, y, k) at ((k·Y + y)·X + x)·stride + offset.</param>
    /// <param name="stride">Elements per voxel in <paramref name="slab"/> (interleaved channels; 1 when planar).</param>
    /// <param name="offset">The channel's position within a voxel (0 when planar).</param>
    public static void SdkToFile<T>(ReadOnlySpan<T> channel, VolumeShape shape, int z0, int count, Span<T> slab, int stride, int offset)
    {
        int nx = shape.X, ny = shape.Y, nz = shape.Z;
        var plane = nx * ny * stride;
        for (var y = 0; y < ny; y++)
        {
            for (var x = 0; x < nx; x++)
            {
                var run = channel.Slice((((x * ny) + y) * nz) + z0, count);
                var d = (((y * nx) + x) * stride) + offset;
                for (var k = 0; k < run.Length; k++)
                {
                    slab[d] = run[k];
                    d += plane;
                }
            }
        }
    }

    /// <summary>Chooses a slab height: about <paramref name="targetBytes"/> per slab, at least one slice, at most all.</summary>
    public static int SlabSlices(VolumeShape shape, int bytesPerVoxel, int targetBytes = 4 << 20)
    {
        var sliceBytes = (long)shape.X * shape.Y * bytesPerVoxel;
        var slices = (int)Math.Clamp(targetBytes / Math.Max(sliceBytes, 1), 1, shape.Z);
        return slices;
    }
}
