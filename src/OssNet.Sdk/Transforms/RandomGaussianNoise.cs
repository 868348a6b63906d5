// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Randomness;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Augmentation: with probability <see cref="Probability"/>, adds independent <c>N(0, StandardDeviation²)</c> noise to every
/// voxel of every channel — the reference's <c>GaussianNoise(0.15)</c> (see docs/guides/training.md), in z-score units when applied after
/// normalisation.
/// </summary>
/// <remarks>
/// <para><b>Geometry:</b> unchanged (identity step). Labels are untouched (shared).</para>
/// <para><b>Randomness:</b> one draw from the transform's generator (seeded with <see cref="Seed"/>) decides and seeds the
/// call; the noise itself comes from per-chunk generators derived from that seed, so the output is bit-identical for a
/// given seed and call sequence whatever the number of cores. Thread-safe.</para>
/// </remarks>
public sealed class RandomGaussianNoise : IVolumeTransform
{
    private const int ChunkSize = 1 << 16;
    private readonly DeterministicRandom _random;
    private readonly Lock _lock = new();

    /// <summary>Initializes the transform.</summary>
    /// <param name="seed">Seed of the transform's generator.</param>
    /// <param name="probability">Probability of adding noise at all, in [0, 1]; default 0.5.</param>
    /// <param name="standardDeviation">Noise standard deviation; default 0.15 (the reference).</param>
    public RandomGaussianNoise(int seed, double probability = 0.5, double standardDeviation = 0.15)
    {
        AugmentationOptions.RequireProbability(probability, nameof(probability));
        if (!(standardDeviation >= 0 && double.IsFinite(standardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The noise standard deviation must be finite and not negative.");
        }

        Seed = seed;
        Probability = probability;
        StandardDeviation = standardDeviation;
        _random = new DeterministicRandom(SeedMixer.Mix(SeedMixer.FromSeed(seed), 0x4015Eu));
    }

    /// <summary>Gets the seed of the generator.</summary>
    public int Seed { get; }

    /// <summary>Gets the probability of adding noise at all.</summary>
    public double Probability { get; }

    /// <summary>Gets the noise standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Name => string.Create(CultureInfo.InvariantCulture, $"RandomGaussianNoise(p={Probability}, σ={StandardDeviation}, seed={Seed})");

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        var image = input.Image;
        ulong streamSeed;
        lock (_lock)
        {
            if (_random.NextDouble() >= Probability)
            {
                return new TransformResult(input, GeometryStep.Identity(image.Geometry));
            }

            streamSeed = _random.NextUInt64();
        }

        var output = image.Voxels.ToArray();
        var chunks = (output.Length + ChunkSize - 1) / ChunkSize;
        var std = (float)StandardDeviation;
        SlabParallel.For(chunks, ChunkSize, i =>
        {
            var start = i * ChunkSize;
            var chunk = output.AsSpan(start, Math.Min(ChunkSize, output.Length - start));
            new DeterministicRandom(SeedMixer.Mix(streamSeed, (ulong)i)).AddGaussian(chunk, std);
        });

        var result = input with { Image = new Volume(image.Geometry, image.Channels, output) };
        return new TransformResult(result, GeometryStep.Identity(image.Geometry));
    }
}
