// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// Binary dilation by a k×k×k box, i.e. <c>max_pool3d(kernel k, stride 1, padding (k − 1)/2)</c> on a 0/1 volume: the
/// window is clipped at the grid's faces (max pooling pads with −∞, so padding never adds foreground).
/// </summary>
/// <remarks>
/// Separable: three 1D sliding-window passes, each O(N) whatever k is (a running count of ones in the window, one
/// byte per column, so k ≤ 255).
/// </remarks>
internal static class BoxDilation
{
    /// <summary>The largest kernel the byte counters support.</summary>
    public const int MaxKernel = 255;

    /// <summary>Dilates <paramref name="mask"/> (0/1, overwritten with the result) by a <paramref name="kernel"/>³ box.</summary>
    public static void DilateInPlace(byte[] mask, VolumeShape shape, int kernel)
    {
        var radius = (kernel - 1) / 2;
        if (radius == 0)
        {
            return;
        }

        var scratch = new byte[mask.Length];
        Pass(mask, scratch, AxisLayout.Of(shape, 2), radius);
        Pass(scratch, mask, AxisLayout.Of(shape, 1), radius);
        Pass(mask, scratch, AxisLayout.Of(shape, 0), radius);
        scratch.CopyTo(mask, 0);
    }

    private static void Pass(byte[] source, byte[] destination, AxisLayout layout, int radius)
    {
        var (outer, n, inner) = layout;
        if (inner == 1)
        {
            PassContiguousLines(source, destination, n, radius);
            return;
        }

        // counts[j] = ones of column j inside the window [i − radius, i + radius] ∩ [0, n − 1].
        var counts = new byte[inner];
        for (var o = 0; o < outer; o++)
        {
            Array.Clear(counts);
            for (var i = 0; i < Math.Min(radius, n - 1) + 1; i++)
            {
                RowKernels.Accumulate(counts, source.AsSpan(layout.RowStart(o, i), inner), add: true);
            }

            for (var i = 0; i < n; i++)
            {
                RowKernels.AnyPositive(counts, destination.AsSpan(layout.RowStart(o, i), inner));
                if (i + radius + 1 < n)
                {
                    RowKernels.Accumulate(counts, source.AsSpan(layout.RowStart(o, i + radius + 1), inner), add: true);
                }

                if (i - radius >= 0)
                {
                    RowKernels.Accumulate(counts, source.AsSpan(layout.RowStart(o, i - radius), inner), add: false);
                }
            }
        }
    }

    /// <summary>The same pass along contiguous lines of <paramref name="n"/> values (the z axis).</summary>
    private static void PassContiguousLines(byte[] source, byte[] destination, int n, int radius)
    {
        for (var start = 0; start < source.Length; start += n)
        {
            var line = source.AsSpan(start, n);
            var output = destination.AsSpan(start, n);
            if (!line.ContainsAnyExcept((byte)0))
            {
                output.Clear();
                continue;
            }

            var count = 0;
            for (var i = 0; i < Math.Min(radius, n - 1) + 1; i++)
            {
                count += line[i];
            }

            for (var i = 0; i < n; i++)
            {
                output[i] = count > 0 ? (byte)1 : (byte)0;
                if (i + radius + 1 < n)
                {
                    count += line[i + radius + 1];
                }

                if (i - radius >= 0)
                {
                    count -= line[i - radius];
                }
            }
        }
    }
}
