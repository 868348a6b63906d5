// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>
/// Moves slabs of z-slices between file order (x fastest: index (k·Y + y)·X + x) and the SDK layout (z fastest:
/// index (x·Y + y)·Z + z) of one channel.
/// </summary>
/// <remarks>
/// Both directions walk blocks of 16 x, then y, then x within the block, then the slab's k. Each (x, y) touches one
/// run of <c>count</c> consecutive z values in the SDK buffer; within a block, consecutive y runs are Z elements apart,
/// so only 16 write streams (and pages) are live at once, and each cache line read from the slab (16 consecutive x of
/// one row) is used completely. The bounds are checked once per call, not per element.
/// </remarks>
internal static class VoxelTransposer
{
    /// <summary>x values per block: one 64-byte cache line of float32 in the slab.</summary>
    private const int XBlock = 16;

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
        var plane = (nint)nx * ny * stride;
        if (slab.Length < ((count - 1) * plane) + ((nx * ny) - 1) * stride + offset + 1 || channel.Length < (long)nx * ny * nz || z0 + count > nz)
        {
            throw new ArgumentException("The slab or channel buffer is too small for the shape.");
        }

        ref var source = ref MemoryMarshal.GetReference(slab);
        ref var destination = ref MemoryMarshal.GetReference(channel);
        for (var xBlock = 0; xBlock < nx; xBlock += XBlock)
        {
            var xEnd = Math.Min(xBlock + XBlock, nx);
            for (var y = 0; y < ny; y++)
            {
                for (var x = xBlock; x < xEnd; x++)
                {
                    ref var run = ref Unsafe.Add(ref destination, ((((nint)x * ny) + y) * nz) + z0);
                    var s = ((((nint)y * nx) + x) * stride) + offset;
                    for (var k = 0; k < count; k++)
                    {
                        Unsafe.Add(ref run, k) = Unsafe.Add(ref source, s);
                        s += plane;
                    }
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
        var plane = (nint)nx * ny * stride;
        if (slab.Length < ((count - 1) * plane) + ((nx * ny) - 1) * stride + offset + 1 || channel.Length < (long)nx * ny * nz || z0 + count > nz)
        {
            throw new ArgumentException("The slab or channel buffer is too small for the shape.");
        }

        ref var source = ref MemoryMarshal.GetReference(channel);
        ref var destination = ref MemoryMarshal.GetReference(slab);
        for (var xBlock = 0; xBlock < nx; xBlock += XBlock)
        {
            var xEnd = Math.Min(xBlock + XBlock, nx);
            for (var y = 0; y < ny; y++)
            {
                for (var x = xBlock; x < xEnd; x++)
                {
                    ref var run = ref Unsafe.Add(ref source, ((((nint)x * ny) + y) * nz) + z0);
                    var d = ((((nint)y * nx) + x) * stride) + offset;
                    for (var k = 0; k < count; k++)
                    {
                        Unsafe.Add(ref destination, d) = Unsafe.Add(ref run, k);
                        d += plane;
                    }
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
