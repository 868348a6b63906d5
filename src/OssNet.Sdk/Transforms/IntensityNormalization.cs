// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Normalises each image channel by its own scheme (nnU-Net's per-channel normalisation): MRI channels by a z-score over
/// the case's foreground, CT channels by clipping to dataset percentiles and a z-score with dataset statistics.
/// </summary>
/// <remarks>
/// <para><b>ForegroundZScore</b> is <see cref="ZScoreNormalization"/> with <c>nonZeroOnly: true</c> (the same code): the
/// foreground is the channel's non-zero voxels (the body after <see cref="CropToForeground"/>), measured with the unbiased
/// standard deviation; zero voxels stay 0; a constant foreground becomes 0.</para>
/// <para><b>ClippedZScore</b>: <c>x ← (clamp(x, lower, upper) − mean) / std</c> on every voxel, with the values stored in
/// the <see cref="ChannelNormalization"/> (computed once over the training set, so every case gets the same mapping, which
/// keeps Hounsfield units comparable).</para>
/// <para><b>Geometry:</b> unchanged (identity step). The label buffer is shared with the input.</para>
/// </remarks>
public sealed class IntensityNormalization : IVolumeTransform
{
    private const int ChunkSize = 1 << 16;
    private readonly ChannelNormalization[] _channels;

    /// <summary>Initializes the transform.</summary>
    /// <param name="channels">One normalisation per image channel, in channel order.</param>
    /// <exception cref="ArgumentException">The list is empty or an entry is invalid (<see cref="ChannelNormalization.Validate"/>).</exception>
    public IntensityNormalization(IEnumerable<ChannelNormalization> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = [.. channels];
        if (_channels.Length == 0)
        {
            throw new ArgumentException("Give one normalisation per channel; the list is empty.", nameof(channels));
        }

        foreach (var channel in _channels)
        {
            ArgumentNullException.ThrowIfNull(channel, nameof(channels));
            channel.Validate();
        }
    }

    /// <summary>Gets the normalisation of each channel.</summary>
    public IReadOnlyList<ChannelNormalization> Channels => _channels;

    /// <inheritdoc />
    public string Name => $"IntensityNormalization({string.Join(", ", _channels.Select(c => c.Scheme))})";

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        if (image.Channels != _channels.Length)
        {
            throw new ArgumentException($"Case '{input.Id}' has {image.Channels} channel(s); the normalisation was planned for {_channels.Length}.", nameof(input));
        }

        var output = new float[image.Voxels.Length];
        var n = (int)image.Shape.VoxelCount;
        for (var c = 0; c < image.Channels; c++)
        {
            var source = image.Voxels.Slice(c * n, n);
            var target = output.AsMemory(c * n, n);
            var plan = _channels[c];
            if (plan.Scheme == IntensityNormalizationScheme.ClippedZScore)
            {
                Clip(source, target, (float)plan.ClipLower!.Value, (float)plan.ClipUpper!.Value, (float)plan.Mean!.Value, (float)(1.0 / plan.StandardDeviation!.Value));
                continue;
            }

            var (mean, std, constant) = ZScoreNormalization.Statistics(source, nonZeroOnly: true);
            if (double.IsNaN(mean))
            {
                throw new ArgumentException($"Case '{input.Id}': channel {c} contains NaN or infinite values; z-score needs finite input.", nameof(input));
            }

            ZScoreNormalization.Normalize(source, target, (float)mean, constant ? 0f : (float)(1.0 / std), nonZeroOnly: true);
        }

        return new TransformResult(input with { Image = new Volume(image.Geometry, image.Channels, output) }, GeometryStep.Identity(image.Geometry));
    }

    private static void Clip(ReadOnlyMemory<float> source, Memory<float> target, float lower, float upper, float mean, float inverseStd)
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
                dst[k] = (Math.Clamp(src[k], lower, upper) - mean) * inverseStd;
            }
        });
    }
}
