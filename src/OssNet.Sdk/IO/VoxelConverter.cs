// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace OssNet.Sdk.IO;

/// <summary>Byte-order swapping and conversion of raw file bytes to float32 intensities or byte labels.</summary>
/// <remarks>All methods work on whole spans (vectorised byte swaps, one tight loop per type) so that a chunk of a few
/// megabytes converts in a single call.</remarks>
internal static class VoxelConverter
{
    /// <summary>Reverses the byte order of every element of <paramref name="data"/> in place.</summary>
    public static void SwapBytesInPlace(Span<byte> data, int elementSize)
    {
        switch (elementSize)
        {
            case 1:
                break;
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(elementSize), elementSize, "Element size must be 1, 2, 4 or 8.");
        }
    }

    /// <summary>Converts native-order raw values to float32, applying <paramref name="scaling"/>.</summary>
    public static void ToSingle(ReadOnlySpan<byte> raw, VoxelType type, Span<float> destination, VoxelScaling scaling)
    {
        switch (type)
        {
            case VoxelType.UInt8: ToSingle(raw, destination, scaling); break;
            case VoxelType.Int8: ToSingle(MemoryMarshal.Cast<byte, sbyte>(raw), destination, scaling); break;
            case VoxelType.Int16: ToSingle(MemoryMarshal.Cast<byte, short>(raw), destination, scaling); break;
            case VoxelType.UInt16: ToSingle(MemoryMarshal.Cast<byte, ushort>(raw), destination, scaling); break;
            case VoxelType.Int32: ToSingle(MemoryMarshal.Cast<byte, int>(raw), destination, scaling); break;
            case VoxelType.UInt32: ToSingle(MemoryMarshal.Cast<byte, uint>(raw), destination, scaling); break;
            case VoxelType.Int64: ToSingle(MemoryMarshal.Cast<byte, long>(raw), destination, scaling); break;
            case VoxelType.UInt64: ToSingle(MemoryMarshal.Cast<byte, ulong>(raw), destination, scaling); break;
            case VoxelType.Float32: ToSingle(MemoryMarshal.Cast<byte, float>(raw), destination, scaling); break;
            case VoxelType.Float64: ToSingle(MemoryMarshal.Cast<byte, double>(raw), destination, scaling); break;
            default: throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown voxel type.");
        }
    }

    /// <summary>
    /// Converts native-order raw values to labels 0..255. Values must be integral after scaling (float data with
    /// integral values is accepted); the first offending element stops the conversion.
    /// </summary>
    /// <returns>-1 when every value was a valid label, else the index of the first invalid element.</returns>
    public static int ToLabels(ReadOnlySpan<byte> raw, VoxelType type, Span<byte> destination, VoxelScaling scaling, out double invalidValue) =>
        type switch
        {
            VoxelType.UInt8 => ToLabels(raw, destination, scaling, out invalidValue),
            VoxelType.Int8 => ToLabels(MemoryMarshal.Cast<byte, sbyte>(raw), destination, scaling, out invalidValue),
            VoxelType.Int16 => ToLabels(MemoryMarshal.Cast<byte, short>(raw), destination, scaling, out invalidValue),
            VoxelType.UInt16 => ToLabels(MemoryMarshal.Cast<byte, ushort>(raw), destination, scaling, out invalidValue),
            VoxelType.Int32 => ToLabels(MemoryMarshal.Cast<byte, int>(raw), destination, scaling, out invalidValue),
            VoxelType.UInt32 => ToLabels(MemoryMarshal.Cast<byte, uint>(raw), destination, scaling, out invalidValue),
            VoxelType.Int64 => ToLabels(MemoryMarshal.Cast<byte, long>(raw), destination, scaling, out invalidValue),
            VoxelType.UInt64 => ToLabels(MemoryMarshal.Cast<byte, ulong>(raw), destination, scaling, out invalidValue),
            VoxelType.Float32 => ToLabels(MemoryMarshal.Cast<byte, float>(raw), destination, scaling, out invalidValue),
            VoxelType.Float64 => ToLabels(MemoryMarshal.Cast<byte, double>(raw), destination, scaling, out invalidValue),
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown voxel type."),
        };

    /// <summary>Counts NaN and ±Inf values.</summary>
    public static long CountNonFinite(ReadOnlySpan<float> values)
    {
        long count = 0;
        foreach (var v in values)
        {
            // (v - v) is NaN exactly for NaN and ±Inf; one compare per element and no branches in the loop body.
            count += (v - v) == 0 ? 0 : 1;
        }

        return count;
    }

    /// <summary>Copies labels into int16 values (for label maps written as int16).</summary>
    public static short[] WidenLabels(ReadOnlySpan<byte> labels)
    {
        var wide = new short[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            wide[i] = labels[i];
        }

        return wide;
    }

    private static void ToSingle<T>(ReadOnlySpan<T> source, Span<float> destination, VoxelScaling scaling)
        where T : unmanaged, INumberBase<T>
    {
        var n = source.Length;
        destination = destination[..n];
        if (scaling.IsIdentity)
        {
            if (typeof(T) == typeof(float))
            {
                MemoryMarshal.Cast<T, float>(source).CopyTo(destination);
                return;
            }

            for (var i = 0; i < n; i++)
            {
                destination[i] = float.CreateTruncating(source[i]);
            }

            return;
        }

        // Scaling is done in double: exact for every stored integer type up to 2^53 and then rounded once.
        var slope = scaling.Slope;
        var intercept = scaling.Intercept;
        for (var i = 0; i < n; i++)
        {
            destination[i] = (float)((double.CreateTruncating(source[i]) * slope) + intercept);
        }
    }

    private static int ToLabels<T>(ReadOnlySpan<T> source, Span<byte> destination, VoxelScaling scaling, out double invalidValue)
        where T : unmanaged, INumberBase<T>
    {
        var identity = scaling.IsIdentity;
        var slope = scaling.Slope;
        var intercept = scaling.Intercept;
        for (var i = 0; i < source.Length; i++)
        {
            var v = double.CreateTruncating(source[i]);
            if (!identity)
            {
                v = (v * slope) + intercept;
            }

            // Written so that NaN fails every comparison and lands in the error branch.
            if (!(v >= 0 && v <= 255 && v == Math.Floor(v)))
            {
                invalidValue = v;
                return i;
            }

            destination[i] = (byte)v;
        }

        invalidValue = 0;
        return -1;
    }
}
