// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// The reference's training augmentation (see docs/guides/training.md), one object: in-plane flips, brightness shift and Gaussian noise,
/// each applied independently with <see cref="Probability"/>, in that order. The defaults are the reference's values.
/// </summary>
public sealed class AugmentationOptions
{
    /// <summary>Gets or sets the seed; each augmentation derives its own generator from it.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets the probability with which each augmentation is applied to a case.</summary>
    /// <value>The default value is 0.5. Range [0, 1].</value>
    public double Probability { get; set; } = 0.5;

    /// <summary>Gets or sets a value indicating whether random in-plane flips are used.</summary>
    /// <value>The default value is true.</value>
    public bool Flip { get; set; } = true;

    /// <summary>Gets or sets the largest brightness shift as a fraction of the channel maximum; 0 disables it.</summary>
    /// <value>The default value is 0.15.</value>
    public double BrightnessShift { get; set; } = 0.15;

    /// <summary>Gets or sets the standard deviation of the additive Gaussian noise; 0 disables it.</summary>
    /// <value>The default value is 0.15 (z-score units).</value>
    public double NoiseStandardDeviation { get; set; } = 0.15;

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A probability outside [0, 1] or a negative/non-finite magnitude.</exception>
    public void Validate()
    {
        RequireProbability(Probability, nameof(Probability));
        if (!(BrightnessShift >= 0 && double.IsFinite(BrightnessShift)))
        {
            throw new ArgumentOutOfRangeException(nameof(BrightnessShift), BrightnessShift, "BrightnessShift must be finite and not negative.");
        }

        if (!(NoiseStandardDeviation >= 0 && double.IsFinite(NoiseStandardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseStandardDeviation), NoiseStandardDeviation, "NoiseStandardDeviation must be finite and not negative.");
        }
    }

    /// <summary>Creates the augmentation transforms in the reference order (flip, brightness, noise), each with its own seed.</summary>
    public IReadOnlyList<IVolumeTransform> CreateTransforms()
    {
        Validate();
        var transforms = new List<IVolumeTransform>(3);
        if (Flip)
        {
            transforms.Add(new RandomInPlaneFlip(DerivedSeed(1), Probability));
        }

        if (BrightnessShift > 0)
        {
            transforms.Add(new RandomBrightnessShift(DerivedSeed(2), Probability, BrightnessShift));
        }

        if (NoiseStandardDeviation > 0)
        {
            transforms.Add(new RandomGaussianNoise(DerivedSeed(3), Probability, NoiseStandardDeviation));
        }

        return transforms;
    }

    /// <summary>Throws unless <paramref name="probability"/> is in [0, 1].</summary>
    internal static void RequireProbability(double probability, string parameterName)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(parameterName, probability, "A probability must lie in [0, 1].");
        }
    }

    private int DerivedSeed(ulong purpose) => unchecked((int)SeedMixer.Mix(SeedMixer.FromSeed(Seed), purpose));
}
