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
        ForEachAxis(ToBinary(mask.Labels.Span), mask.Shape, response =>
        {
            for (var i = 0; i < response.Length; i++)
            {
                squared[i] += response[i] * response[i];
            }
        });
        var magnitude = new float[squared.Length];
        for (var i = 0; i < squared.Length; i++)
        {
            magnitude[i] = MathF.Sqrt(squared[i]);
        }

        return new Volume(mask.Geometry, 1, magnitude);
    }

    /// <summary>ORs 1 into <paramref name="destination"/> wherever the gradient of <paramref name="binary"/> (0/1) is non-zero.</summary>
    internal static void OrNonZero(sbyte[] binary, VolumeShape shape, byte[] destination) =>
        ForEachAxis(binary, shape, response => RowKernels.OrNonZero(response, destination));

    /// <summary>Returns 1 where <paramref name="labels"/> is greater than zero, 0 elsewhere.</summary>
    internal static sbyte[] ToBinary(ReadOnlySpan<byte> labels)
    {
        var binary = new sbyte[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            binary[i] = labels[i] > 0 ? (sbyte)1 : (sbyte)0;
        }

        return binary;
    }

    /// <summary>Computes the Sobel response along x, y and z in turn and hands each to <paramref name="consume"/>.</summary>
    private static void ForEachAxis(sbyte[] binary, VolumeShape shape, Action<sbyte[]> consume)
    {
        var first = new sbyte[binary.Length];
        var second = new sbyte[binary.Length];
        for (var axis = 0; axis < 3; axis++)
        {
            Filter(binary, first, AxisLayout.Of(shape, axis), derivative: true);
            Filter(first, second, AxisLayout.Of(shape, (axis + 1) % 3), derivative: false);
            Filter(second, first, AxisLayout.Of(shape, (axis + 2) % 3), derivative: false);
            consume(first);
        }
    }

    /// <summary>
    /// One separable pass with 'reflect' edges (d c b a | a b c d | d c b a: index −1 reads 0, index n reads n − 1):
    /// the central difference <c>next − previous</c> or the smoothing <c>previous + 2·centre + next</c>.
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
                RowKernels.Combine(
                    source.AsSpan(layout.RowStart(o, Math.Max(i - 1, 0)), inner),
                    source.AsSpan(layout.RowStart(o, i), inner),
                    source.AsSpan(layout.RowStart(o, Math.Min(i + 1, n - 1)), inner),
                    destination.AsSpan(layout.RowStart(o, i), inner),
                    derivative);
            }
        }
    }

    /// <summary>The same pass along contiguous lines of <paramref name="n"/> values (the z axis): shifted views for the interior.</summary>
    private static void FilterContiguousLines(sbyte[] source, sbyte[] destination, int n, bool derivative)
    {
        for (var start = 0; start < source.Length; start += n)
        {
            var line = source.AsSpan(start, n);
            var output = destination.AsSpan(start, n);
            if (n >= 3)
            {
                RowKernels.Combine(line[..(n - 2)], line[1..(n - 1)], line[2..], output[1..(n - 1)], derivative);
            }

            foreach (var i in (ReadOnlySpan<int>)[0, n - 1])
            {
                var previous = line[Math.Max(i - 1, 0)];
                var next = line[Math.Min(i + 1, n - 1)];
                output[i] = derivative ? (sbyte)(next - previous) : (sbyte)(previous + (2 * line[i]) + next);
            }
        }
    }
}
