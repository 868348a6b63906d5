// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Per-channel z-score: <c>x ← (x − mean) / std</c> with the unbiased standard deviation (n − 1), each channel on its own.
/// </summary>
/// <remarks>
/// <para><b>Reference:</b> see docs/transforms.md — each BraTS modality and each LiTS CT is normalised over the <b>whole</b> volume,
/// zero background included, without a mask or clipping (<c>misc.normalize</c>, <c>torch.std</c> is unbiased). That is the
/// default. With <see cref="NonZeroOnly"/> the statistics come from the non-zero voxels only and zero voxels stay 0
/// (MONAI's <c>NormalizeIntensity(nonzero=True)</c>), a common choice for skull-stripped MRI.</para>
/// <para><b>Geometry:</b> unchanged (identity step). The label buffer is shared with the input.</para>
/// <para>A constant channel (or one with fewer than two voxels to measure) becomes all zeros rather than NaN. A channel
/// with NaN or infinite values is rejected. Sums run in double over fixed-size chunks, so the result does not depend on the
/// number of cores.</para>
/// </remarks>
public sealed class ZScoreNormalization : IVolumeTransform
{
    private const int ChunkSize = 1 << 16;

    /// <summary>Initializes the transform.</summary>
    /// <param name="nonZeroOnly">Measure and normalise only non-zero voxels (zeros stay 0). Default false, as the reference.</param>
    public ZScoreNormalization(bool nonZeroOnly = false) => NonZeroOnly = nonZeroOnly;

    /// <summary>Gets a value indicating whether only non-zero voxels are measured and normalised.</summary>
    public bool NonZeroOnly { get; }

    /// <inheritdoc />
    public string Name => NonZeroOnly ? "ZScore(non-zero)" : "ZScore";

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var output = new float[image.Voxels.Length];
        var n = (int)image.Shape.VoxelCount;
        for (var c = 0; c < image.Channels; c++)
        {
            var source = image.Voxels.Slice(c * n, n);
            var (mean, std, constant) = Statistics(source, NonZeroOnly);
            if (double.IsNaN(mean))
            {
                throw new ArgumentException($"Case '{input.Id}': channel {c} contains NaN or infinite values; z-score needs finite input.", nameof(input));
            }

            Normalize(source, output.AsMemory(c * n, n), (float)mean, constant ? 0f : (float)(1.0 / std), NonZeroOnly);
        }

        var result = input with { Image = new Volume(image.Geometry, image.Channels, output) };
        return new TransformResult(result, GeometryStep.Identity(image.Geometry));
    }

    /// <summary>Mean, unbiased standard deviation and whether the measured voxels are all equal (or fewer than two); NaN mean for non-finite input.</summary>
    internal static (double Mean, double Std, bool Constant) Statistics(ReadOnlyMemory<float> values, bool nonZeroOnly)
    {
        var chunks = (values.Length + ChunkSize - 1) / ChunkSize;
        var sums = new double[chunks];
        var counts = new long[chunks];
        var mins = new float[chunks];
        var maxs = new float[chunks];
        SlabParallel.For(chunks, ChunkSize, i =>
        {
            var span = values.Span.Slice(i * ChunkSize, Math.Min(ChunkSize, values.Length - (i * ChunkSize)));
            double sum = 0;
            long count = 0;
            var min = float.PositiveInfinity;
            var max = float.NegativeInfinity;
            foreach (var v in span)
            {
                if (nonZeroOnly && v == 0)
                {
                    continue;
                }

                sum += v;
                count++;
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }

            (sums[i], counts[i], mins[i], maxs[i]) = (sum, count, min, max);
        });

        double total = 0;
        long n = 0;
        var lowest = float.PositiveInfinity;
        var highest = float.NegativeInfinity;
        for (var i = 0; i < chunks; i++)
        {
            total += sums[i];
            n += counts[i];
            lowest = Math.Min(lowest, mins[i]);
            highest = Math.Max(highest, maxs[i]);
        }

        if (!double.IsFinite(total))
        {
            return (double.NaN, double.NaN, false);
        }

        if (n < 2 || lowest == highest)
        {
            return (n == 0 ? 0 : total / n, 0, true);
        }

        var mean = total / n;
        SlabParallel.For(chunks, ChunkSize, i =>
        {
            var span = values.Span.Slice(i * ChunkSize, Math.Min(ChunkSize, values.Length - (i * ChunkSize)));
            double squares = 0;
            foreach (var v in span)
            {
                if (nonZeroOnly && v == 0)
                {
                    continue;
                }

                var d = v - mean;
                squares += d * d;
            }

            sums[i] = squares;
        });

        double sumSquares = 0;
        for (var i = 0; i < chunks; i++)
        {
            sumSquares += sums[i];
        }

        return (mean, Math.Sqrt(sumSquares / (n - 1)), false);
    }

    internal static void Normalize(ReadOnlyMemory<float> source, Memory<float> target, float mean, float inverseStd, bool nonZeroOnly)
    {
        var chunks = (source.Length + ChunkSize - 1) / ChunkSize;
        SlabParallel.For(chunks, ChunkSize, i =>
        {
            var start = i * ChunkSize;
            var length = Math.Min(ChunkSize, source.Length - start);
            var src = source.Span.Slice(start, length);
            var dst = target.Span.Slice(start, length);
            for (var k = 0; k < src.Length; k++)
            {
                var v = src[k];
                dst[k] = nonZeroOnly && v == 0 ? 0f : (v - mean) * inverseStd;
            }
        });
    }
}
