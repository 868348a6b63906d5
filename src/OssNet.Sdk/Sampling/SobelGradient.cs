// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// The 3D Sobel gradient of a binary mask, as scipy's <c>generic_gradient_magnitude(mask, sobel)</c> with its default
/// boundary mode <c>'reflect'</c> (the sample beyond an edge repeats the edge sample).
/// </summary>
/// <remarks>
/// <para>Per axis a, the Sobel response is the central difference <c>[-1, 0, 1]</c> along a followed by the smoothing
/// <c>[1, 2, 1]</c> along each other axis, computed separably; the magnitude is the root of the sum of the three
/// squared responses. On a binary mask every response is an integer in [−16, 16], so the computation is exact in
/// 8-bit integers.</para>
/// <para>The reference passes a boolean array to scipy, which then computes in uint8 with wrap-around; because
/// |response| ≤ 16 &lt; 256 the set of non-zero voxels is the same as the float computation's, which is all the border
/// map uses.</para>
/// </remarks>
public static class SobelGradient
{
    /// <summary>Returns the Sobel gradient magnitude of <paramref name="mask"/> (label &gt; 0 is foreground).</summary>
    /// <returns>A one-channel float volume on the mask's geometry, non-zero in a band of about one voxel on both sides of the boundary.</returns>
    public static Volume Magnitude(LabelVolume mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        var squared = new int[mask.Labels.Length];
        Accumulate(mask, (response, i) => squared[i] += response * response);
        var magnitude = new float[squared.Length];
        for (var i = 0; i < squared.Length; i++)
        {
            magnitude[i] = MathF.Sqrt(squared[i]);
        }

        return new Volume(mask.Geometry, 1, magnitude);
    }

    /// <summary>Writes 1 where the gradient magnitude is non-zero, 0 elsewhere.</summary>
    internal static void NonZero(LabelVolume mask, byte[] destination)
    {
        Array.Clear(destination);
        Accumulate(mask, (response, i) => destination[i] |= response != 0 ? (byte)1 : (byte)0);
    }

    /// <summary>Computes the three directional responses and hands every non-zero one, with its voxel index, to <paramref name="sink"/>.</summary>
    private static void Accumulate(LabelVolume mask, Action<int, int> sink)
    {
        var shape = mask.Shape;
        var labels = mask.Labels.Span;
        var binary = new sbyte[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            binary[i] = labels[i] > 0 ? (sbyte)1 : (sbyte)0;
        }

        var first = new sbyte[binary.Length];
        var second = new sbyte[binary.Length];
        for (var axis = 0; axis < 3; axis++)
        {
            Filter(binary, first, AxisLayout.Of(shape, axis), derivative: true);
            var (b, c) = ((axis + 1) % 3, (axis + 2) % 3);
            Filter(first, second, AxisLayout.Of(shape, b), derivative: false);
            Filter(second, first, AxisLayout.Of(shape, c), derivative: false);
            for (var i = 0; i < first.Length; i++)
            {
                if (first[i] != 0)
                {
                    sink(first[i], i);
                }
            }
        }
    }

    /// <summary>
    /// One separable pass with 'reflect' edges: the central difference <c>next − previous</c>
    /// (<paramref name="derivative"/>) or the smoothing <c>previous + 2·centre + next</c>.
    /// </summary>
    private static void Filter(sbyte[] source, sbyte[] destination, AxisLayout layout, bool derivative)
    {
        var (outer, n, inner) = layout;
        if (inner == 1)
        {
            FilterContiguousLines(source, destination, n, derivative);
            return;
        }

        for (var o = 0; o < outer; o++)
        {
            for (var i = 0; i < n; i++)
            {
                // 'reflect' (d c b a | a b c d | d c b a): index −1 reads index 0, index n reads n − 1.
                var previous = source.AsSpan(layout.RowStart(o, Math.Max(i - 1, 0)), inner);
                var centre = source.AsSpan(layout.RowStart(o, i), inner);
                var next = source.AsSpan(layout.RowStart(o, Math.Min(i + 1, n - 1)), inner);
                var output = destination.AsSpan(layout.RowStart(o, i), inner);
                if (derivative)
                {
                    for (var j = 0; j < inner; j++)
                    {
                        output[j] = (sbyte)(next[j] - previous[j]);
                    }
                }
                else
                {
                    for (var j = 0; j < inner; j++)
                    {
                        output[j] = (sbyte)(previous[j] + (2 * centre[j]) + next[j]);
                    }
                }
            }
        }
    }

    /// <summary>The same pass along contiguous lines of <paramref name="n"/> values (the z axis).</summary>
    private static void FilterContiguousLines(sbyte[] source, sbyte[] destination, int n, bool derivative)
    {
        for (var start = 0; start < source.Length; start += n)
        {
            var line = source.AsSpan(start, n);
            var output = destination.AsSpan(start, n);
            for (var i = 0; i < n; i++)
            {
                var previous = line[Math.Max(i - 1, 0)];
                var next = line[Math.Min(i + 1, n - 1)];
                output[i] = derivative ? (sbyte)(next - previous) : (sbyte)(previous + (2 * line[i]) + next);
            }
        }
    }
}
