// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers;
using System.Runtime.InteropServices;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>
/// Reads voxel data from a (possibly decompressing) stream in slabs of z-slices, converting and transposing each slab
/// straight into the SDK layout, so the only full-size buffer is the result.
/// </summary>
internal static class VoxelStreamReader
{
    /// <summary>Reads <paramref name="layout"/>'s voxels as float32, channel-major, z fastest.</summary>
    /// <exception cref="InvalidVolumeException">The stream ends before all voxels were read.</exception>
    public static async ValueTask<float[]> ReadSingleAsync(Stream stream, VoxelLayout layout, string path, CancellationToken cancellationToken)
    {
        var destination = GC.AllocateUninitializedArray<float>(checked((int)layout.ElementCount));
        var convertedLength = SlabElements(layout);
        var converted = layout.Type == VoxelType.Float32 && layout.Scaling.IsIdentity ? null : ArrayPool<float>.Shared.Rent(convertedLength);
        try
        {
            await ReadSlabsAsync(stream, layout, path, (raw, c, z0, count) =>
            {
                var source = converted is null
                    ? MemoryMarshal.Cast<byte, float>(raw)
                    : ConvertSlab(raw, layout, converted);
                Scatter(source, layout, c, z0, count, destination);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (converted is not null)
            {
                ArrayPool<float>.Shared.Return(converted);
            }
        }

        return destination;
    }

    /// <summary>Reads a single-channel label map, validating that every value is an integer in 0..255.</summary>
    /// <exception cref="InvalidVolumeException">A value is not a valid label, or the stream ends early.</exception>
    public static async ValueTask<byte[]> ReadLabelsAsync(Stream stream, VoxelLayout layout, string path, CancellationToken cancellationToken)
    {
        if (layout.Channels != 1)
        {
            throw new InvalidVolumeException(path, $"a label map must have one channel; the file has {layout.Channels}");
        }

        var destination = GC.AllocateUninitializedArray<byte>(checked((int)layout.ElementCount));
        var labels = ArrayPool<byte>.Shared.Rent(SlabElements(layout));
        try
        {
            await ReadSlabsAsync(stream, layout, path, (raw, c, z0, count) =>
            {
                var n = raw.Length / layout.Type.SizeOf();
                var slab = labels.AsSpan(0, n);
                var bad = VoxelConverter.ToLabels(raw, layout.Type, slab, layout.Scaling, out var value);
                if (bad >= 0)
                {
                    var plane = layout.Shape.X * layout.Shape.Y;
                    var (x, y, z) = (bad % layout.Shape.X, bad % plane / layout.Shape.X, z0 + (bad / plane));
                    throw new InvalidVolumeException(path,
                        $"label value {value} at voxel ({x}, {y}, {z}) is not an integer in 0..255; label maps must hold class indices");
                }

                VoxelTransposer.FileToSdk<byte>(slab, 1, 0, layout.Shape, z0, count, destination);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(labels);
        }

        return destination;
    }

    private delegate void SlabHandler(Span<byte> raw, int channel, int z0, int count);

    private static int SlabElements(VoxelLayout layout)
    {
        var slices = VoxelTransposer.SlabSlices(layout.Shape, layout.Type.SizeOf() * (layout.InterleavedChannels ? layout.Channels : 1));
        return checked(slices * layout.Shape.X * layout.Shape.Y * (layout.InterleavedChannels ? layout.Channels : 1));
    }

    private static Span<float> ConvertSlab(Span<byte> raw, VoxelLayout layout, float[] converted)
    {
        var span = converted.AsSpan(0, raw.Length / layout.Type.SizeOf());
        VoxelConverter.ToSingle(raw, layout.Type, span, layout.Scaling);
        return span;
    }

    private static void Scatter(ReadOnlySpan<float> slab, VoxelLayout layout, int channel, int z0, int count, float[] destination)
    {
        var n = (int)layout.Shape.VoxelCount;
        if (!layout.InterleavedChannels)
        {
            VoxelTransposer.FileToSdk(slab, 1, 0, layout.Shape, z0, count, destination.AsSpan(channel * n, n));
            return;
        }

        for (var c = 0; c < layout.Channels; c++)
        {
            VoxelTransposer.FileToSdk(slab, layout.Channels, c, layout.Shape, z0, count, destination.AsSpan(c * n, n));
        }
    }

    /// <summary>
    /// Reads the data slab by slab into two alternating buffers: while slab n is converted and transposed on a pool
    /// thread, slab n + 1 is read (and inflated) on this one. At most one handler runs at a time, so handlers may share
    /// scratch buffers.
    /// </summary>
    private static async ValueTask ReadSlabsAsync(Stream stream, VoxelLayout layout, string path, SlabHandler handler, CancellationToken cancellationToken)
    {
        var elementSize = layout.Type.SizeOf();
        var perSlice = (long)layout.Shape.X * layout.Shape.Y * elementSize * (layout.InterleavedChannels ? layout.Channels : 1);
        var slabSlices = VoxelTransposer.SlabSlices(layout.Shape, (int)(perSlice / ((long)layout.Shape.X * layout.Shape.Y)));
        var slabBytes = checked((int)(perSlice * slabSlices));
        byte[][] buffers = [ArrayPool<byte>.Shared.Rent(slabBytes), ArrayPool<byte>.Shared.Rent(slabBytes)];
        var passes = layout.InterleavedChannels ? 1 : layout.Channels;
        var pending = Task.CompletedTask;
        long done = 0;
        var slab = 0;
        try
        {
            for (var c = 0; c < passes; c++)
            {
                for (var z0 = 0; z0 < layout.Shape.Z; z0 += slabSlices, slab++)
                {
                    var count = Math.Min(slabSlices, layout.Shape.Z - z0);
                    var bytes = (int)(perSlice * count);
                    var buffer = buffers[slab % 2];
                    var read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, bytes), bytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    await pending.ConfigureAwait(false);
                    if (read < bytes)
                    {
                        throw new InvalidVolumeException(path,
                            $"truncated: the voxel data ends after {done + read:N0} of {layout.ByteCount:N0} bytes");
                    }

                    done += read;
                    var (channel, first) = (c, z0);
                    pending = Task.Run(
                        () =>
                        {
                            var raw = buffer.AsSpan(0, bytes);
                            if (layout.SwapBytes)
                            {
                                VoxelConverter.SwapBytesInPlace(raw, elementSize);
                            }

                            handler(raw, channel, first, count);
                        },
                        cancellationToken);
                }
            }

            await pending.ConfigureAwait(false);
        }
        finally
        {
            // A failed read must not return buffers that a running handler still uses.
            await SuppressAsync(pending).ConfigureAwait(false);
            ArrayPool<byte>.Shared.Return(buffers[0]);
            ArrayPool<byte>.Shared.Return(buffers[1]);
        }
    }

    private static async Task SuppressAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already observed (or superseded by the exception being thrown).
        }
    }
}
