// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Numerics;

namespace OssNet.Sdk.Sampling;

/// <summary>Element-wise row operations of the separable filters, vectorised with <see cref="Vector{T}"/>.</summary>
internal static class RowKernels
{
    /// <summary>output = next − previous (derivative) or previous + 2·centre + next (smoothing).</summary>
    public static void Combine(ReadOnlySpan<sbyte> previous, ReadOnlySpan<sbyte> centre, ReadOnlySpan<sbyte> next, Span<sbyte> output, bool derivative)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<sbyte>.Count;
            for (; j <= output.Length - width; j += width)
            {
                var p = new Vector<sbyte>(previous[j..]);
                var n = new Vector<sbyte>(next[j..]);
                Vector<sbyte> result;
                if (derivative)
                {
                    result = n - p;
                }
                else
                {
                    var c = new Vector<sbyte>(centre[j..]);
                    result = p + c + c + n;
                }

                result.CopyTo(output[j..]);
            }
        }

        for (; j < output.Length; j++)
        {
            output[j] = derivative ? (sbyte)(next[j] - previous[j]) : (sbyte)(previous[j] + (2 * centre[j]) + next[j]);
        }
    }

    /// <summary>destination |= (values != 0 ? 1 : 0).</summary>
    public static void OrNonZero(ReadOnlySpan<sbyte> values, Span<byte> destination)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<sbyte>.Count;
            for (; j <= values.Length - width; j += width)
            {
                var nonZero = ~Vector.Equals(new Vector<sbyte>(values[j..]), Vector<sbyte>.Zero) & Vector<sbyte>.One;
                (new Vector<byte>(destination[j..]) | Vector.AsVectorByte(nonZero)).CopyTo(destination[j..]);
            }
        }

        for (; j < values.Length; j++)
        {
            destination[j] |= values[j] != 0 ? (byte)1 : (byte)0;
        }
    }

    /// <summary>counts += row (add) or counts −= row; rows hold 0/1 and counts never exceed the window length.</summary>
    public static void Accumulate(Span<byte> counts, ReadOnlySpan<byte> row, bool add)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            for (; j <= counts.Length - width; j += width)
            {
                var c = new Vector<byte>(counts[j..]);
                var r = new Vector<byte>(row[j..]);
                (add ? c + r : c - r).CopyTo(counts[j..]);
            }
        }

        for (; j < counts.Length; j++)
        {
            counts[j] = add ? (byte)(counts[j] + row[j]) : (byte)(counts[j] - row[j]);
        }
    }

    /// <summary>output = counts > 0 ? 1 : 0.</summary>
    public static void AnyPositive(ReadOnlySpan<byte> counts, Span<byte> output)
    {
        var j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var width = Vector<byte>.Count;
            for (; j <= counts.Length - width; j += width)
            {
                Vector.Min(new Vector<byte>(counts[j..]), Vector<byte>.One).CopyTo(output[j..]);
            }
        }

        for (; j < counts.Length; j++)
        {
            output[j] = counts[j] > 0 ? (byte)1 : (byte)0;
        }
    }
}
