// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;
using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Transforms.Steps;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// Augmentation: with probability <see cref="Probability"/>, mirrors image and label along a random non-empty subset of the
/// in-plane axes X and Y (never Z), the reference's <c>RandomFlipping(dimensions=(-2, -3))</c> (see docs/guides/training.md).
/// </summary>
/// <remarks>
/// <para><b>Distribution</b> (as the reference's <c>np.random.choice(dims, size=randint(1, 3), replace=False)</c>): given that
/// the flip happens, X alone with probability ¼, Y alone ¼, both ½; so each axis is mirrored in 3/8 of all calls.</para>
/// <para><b>Geometry:</b> the affine is deliberately left unchanged: the output is a mirrored subject in the same scanner
/// frame, which is what the augmentation is meant to produce (updating the affine instead would make a later
/// <see cref="ReorientToCanonical"/> silently undo the flip). The step still records the flip, so a prediction on the
/// flipped grid maps back exactly (test-time augmentation).</para>
/// <para><b>Randomness:</b> draws from its own generator seeded with <see cref="Seed"/>: the same seed and the same sequence
/// of calls give the same flips. Thread-safe (draws are serialised).</para>
/// </remarks>
public sealed class RandomInPlaneFlip : IVolumeTransform
{
    private readonly DeterministicRandom _random;
    private readonly Lock _lock = new();

    /// <summary>Initializes the transform.</summary>
    /// <param name="seed">Seed of the transform's generator.</param>
    /// <param name="probability">Probability of flipping at all, in [0, 1]; default 0.5 (see docs/guides/training.md).</param>
    public RandomInPlaneFlip(int seed, double probability = 0.5)
    {
        AugmentationOptions.RequireProbability(probability, nameof(probability));
        Seed = seed;
        Probability = probability;
        _random = new DeterministicRandom(SeedMixer.Mix(SeedMixer.FromSeed(seed), 0xF11Bu));
    }

    /// <summary>Gets the seed of the generator.</summary>
    public int Seed { get; }

    /// <summary>Gets the probability of flipping at all.</summary>
    public double Probability { get; }

    /// <inheritdoc />
    public string Name => $"RandomInPlaneFlip(p={Probability}, seed={Seed})";

    /// <inheritdoc />
    public TransformResult Apply(VolumeCase input)
    {
        CaseGuard.RequireConsistent(input, nameof(input));
        bool flipX, flipY;
        lock (_lock)
        {
            if (_random.NextDouble() >= Probability)
            {
                return new TransformResult(input, GeometryStep.Identity(input.Image.Geometry));
            }

            if (_random.NextInt(1, 3) == 2)
            {
                (flipX, flipY) = (true, true);
            }
            else
            {
                flipX = _random.NextInt(0, 2) == 0;
                flipY = !flipX;
            }
        }

        var permutation = AxisPermutation.Flips(flipX, flipY, false);
        var image = input.Image;
        var geometry = image.Geometry;
        var voxels = permutation.Apply<float>(image.Voxels, image.Shape, image.Channels);
        LabelVolume? label = input.Label is { } l ? new LabelVolume(geometry, permutation.Apply<byte>(l.Labels, l.Shape, 1)) : null;
        var result = input with { Image = new Volume(geometry, image.Channels, voxels), Label = label };
        var description = flipX && flipY ? "flip X, Y" : flipX ? "flip X" : "flip Y";
        return new TransformResult(result, new AxisPermutationStep(geometry, geometry, permutation, description));
    }
}
