// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Randomness;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Augmentation: with probability <see cref="Probability"/>, shifts every channel by a fraction of its own maximum,
/// <c>x ← x + max(x) · u</c> with <c>u ~ U(−MaxRelativeShift, MaxRelativeShift)</c> drawn per channel — the reference's
/// <c>AdjustBrightness(0.15)</c> (see docs/guides/training.md).
/// </summary>
/// <remarks>
/// <para>An additive shift relative to the channel maximum, not a multiplicative gain. Labels are untouched (shared).</para>
/// <para><b>Geometry:</b> unchanged (identity step).</para>
/// <para><b>Randomness:</b> own generator seeded with <see cref="Seed"/>; same seed and call sequence, same result. Thread-safe.</para>
/// </remarks>
public sealed class RandomBrightnessShift : IVolumeTransform
{
    private const int ChunkSize = 1 << 16;

    private readonly DeterministicRandom _random;
    private readonly Lock _lock = new();

    /// <summary>Initializes the transform.</summary>
    /// <param name="seed">Seed of the transform's generator.</param>
    /// <param name="probability">Probability of shifting at all, in [0, 1]; default 0.5.</param>
    /// <param name="maxRelativeShift">Largest |u|; default 0.15 (the reference's brightness factor).</param>
    public RandomBrightnessShift(int seed, double probability = 0.5, double maxRelativeShift = 0.15)
    {
        AugmentationOptions.RequireProbability(probability, nameof(probability));
        if (!(maxRelativeShift >= 0 && double.IsFinite(maxRelativeShift)))
        {
            throw new ArgumentOutOfRangeException(nameof(maxRelativeShift), maxRelativeShift, "The maximum relative shift must be finite and not negative.");
        }

        Seed = seed;
        Probability = probability;
        MaxRelativeShift = maxRelativeShift;
        _random = new DeterministicRandom(SeedMixer.Mix(SeedMixer.FromSeed(seed), 0xB817u));
    }

    /// <summary>Gets the seed of the generator.</summary>
    public int Seed { get; }

    /// <summary>Gets the probability of shifting at all.</summary>
    public double Probability { get; }

    /// <summary>Gets the largest shift as a fraction of the channel maximum.</summary>
    public double MaxRelativeShift { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"RandomBrightnessShift(p={Probability}, ±{MaxRelativeShift}·max, seed={Seed})");

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        var factors = new double[image.Channels];
        lock (_lock)
        {
            if (_random.NextDouble() >= Probability)
            {
                return new TransformResult(input, GeometryStep.Identity(image.Geometry));
            }

            for (var c = 0; c < factors.Length; c++)
            {
                factors[c] = _random.NextDouble(-MaxRelativeShift, MaxRelativeShift);
            }
        }

        var output = image.Voxels.ToArray();
        var n = (int)image.Shape.VoxelCount;
        for (var c = 0; c < image.Channels; c++)
        {
            var channel = output.AsSpan(c * n, n);
            var max = float.NegativeInfinity;
            foreach (var v in channel)
            {
                max = Math.Max(max, v);
            }

            var shift = (float)(max * factors[c]);
            var offset = c * n;
            var chunks = (n + ChunkSize - 1) / ChunkSize;
            SlabParallel.For(chunks, ChunkSize, chunk =>
            {
                var start = chunk * ChunkSize;
                foreach (ref var v in output.AsSpan(offset + start, Math.Min(ChunkSize, n - start)))
                {
                    v += shift;
                }
            });
        }

        var result = input with { Image = new Volume(image.Geometry, image.Channels, output) };
        return new TransformResult(result, GeometryStep.Identity(image.Geometry));
    }
}
