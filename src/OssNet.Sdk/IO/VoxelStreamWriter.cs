// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers;
using System.Runtime.InteropServices;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>Writes SDK-layout voxels (z fastest) to a stream in file order (x fastest), little-endian, one slab of z-slices at a time.</summary>
internal static class VoxelStreamWriter
{
    /// <summary>Writes every channel of <paramref name="voxels"/>.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="voxels">The SDK buffer: <paramref name="channels"/> blocks of X·Y·Z values.</param>
    /// <param name="shape">The spatial shape.</param>
    /// <param name="channels">The number of channels.</param>
    /// <param name="interleaved">True to write the channels of a voxel adjacently (MetaImage); false to write whole channels one after the other (NIfTI).</param>
    /// <param name="cancellationToken">Cancels between slabs.</param>
    public static async Task WriteAsync<T>(Stream stream, ReadOnlyMemory<T> voxels, VolumeShape shape, int channels, bool interleaved, CancellationToken cancellationToken)
        where T : unmanaged
    {
        var size = Marshal.SizeOf<T>();
        var perVoxel = interleaved ? channels : 1;
        var slabSlices = VoxelTransposer.SlabSlices(shape, size * perVoxel);
        var slabElements = checked(slabSlices * shape.X * shape.Y * perVoxel);
        // A byte buffer viewed as T: the deflater and the file get plain byte[] memory.
        var slab = ArrayPool<byte>.Shared.Rent(checked(slabElements * size));
        var n = (int)shape.VoxelCount;
        try
        {
            for (var pass = 0; pass < (interleaved ? 1 : channels); pass++)
            {
                for (var z0 = 0; z0 < shape.Z; z0 += slabSlices)
                {
                    var count = Math.Min(slabSlices, shape.Z - z0);
                    var elements = count * shape.X * shape.Y * perVoxel;
                    var bytes = slab.AsMemory(0, elements * size);
                    Fill(voxels.Span, shape, channels, interleaved, pass, z0, count, MemoryMarshal.Cast<byte, T>(bytes.Span));
                    if (!BitConverter.IsLittleEndian)
                    {
                        VoxelConverter.SwapBytesInPlace(bytes.Span, size);
                    }

                    await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(slab);
        }

        void Fill(ReadOnlySpan<T> source, VolumeShape s, int c, bool inter, int pass, int z0, int count, Span<T> destination)
        {
            if (!inter)
            {
                VoxelTransposer.SdkToFile(source.Slice(pass * n, n), s, z0, count, destination, 1, 0);
                return;
            }

            for (var channel = 0; channel < c; channel++)
            {
                VoxelTransposer.SdkToFile(source.Slice(channel * n, n), s, z0, count, destination, c, channel);
            }
        }
    }
}
