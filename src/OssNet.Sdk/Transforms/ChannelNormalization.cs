// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;

namespace OssNet.Sdk.Transforms;

/// <summary>How one image channel's intensities are normalised (<see cref="IntensityNormalization"/>).</summary>
public enum IntensityNormalizationScheme
{
    /// <summary>MRI and unknown modalities: z-score with the case's own statistics over its foreground (non-zero) voxels; zeros stay 0.</summary>
    ForegroundZScore,

    /// <summary>CT: clip to fixed bounds (the dataset foreground's 0.5–99.5 percentiles), then z-score with the dataset foreground's mean and standard deviation.</summary>
    ClippedZScore,
}

/// <summary>The normalisation of one channel: a scheme and, for <see cref="IntensityNormalizationScheme.ClippedZScore"/>, its fixed dataset statistics.</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="ClipLower">Lower clipping bound (ClippedZScore only).</param>
/// <param name="ClipUpper">Upper clipping bound (ClippedZScore only).</param>
/// <param name="Mean">Mean subtracted after clipping (ClippedZScore only).</param>
/// <param name="StandardDeviation">Standard deviation divided by after subtracting the mean (ClippedZScore only); positive.</param>
public sealed record ChannelNormalization(
    IntensityNormalizationScheme Scheme,
    double? ClipLower = null,
    double? ClipUpper = null,
    double? Mean = null,
    double? StandardDeviation = null)
{
    /// <summary>Gets the per-case foreground z-score (MRI).</summary>
    public static ChannelNormalization ForegroundZScore { get; } = new(IntensityNormalizationScheme.ForegroundZScore);

    /// <summary>Returns a clip-then-z-score with fixed statistics (CT).</summary>
    public static ChannelNormalization Clipped(double lower, double upper, double mean, double standardDeviation) =>
        new(IntensityNormalizationScheme.ClippedZScore, lower, upper, mean, standardDeviation);

    /// <summary>Throws when the scheme is unknown or a ClippedZScore lacks finite bounds (lower ≤ upper), a finite mean or a positive standard deviation.</summary>
    /// <exception cref="ArgumentException">The parameters do not fit the scheme.</exception>
    public void Validate()
    {
        switch (Scheme)
        {
            case IntensityNormalizationScheme.ForegroundZScore:
                return;
            case IntensityNormalizationScheme.ClippedZScore:
                if (ClipLower is not { } lower || ClipUpper is not { } upper || !double.IsFinite(lower) || !double.IsFinite(upper) || lower > upper
                    || Mean is not { } mean || !double.IsFinite(mean) || StandardDeviation is not { } std || !(std > 0) || !double.IsFinite(std))
                {
                    throw new ArgumentException($"A clipped z-score needs finite bounds with lower ≤ upper, a finite mean and a positive standard deviation; got {this}.");
                }

                return;
            default:
                throw new ArgumentException($"Unknown normalisation scheme {Scheme}.");
        }
    }

    /// <summary>Describes the normalisation in words.</summary>
    public string Describe() => Scheme == IntensityNormalizationScheme.ClippedZScore
        ? string.Create(CultureInfo.InvariantCulture, $"clip to [{ClipLower:G6}, {ClipUpper:G6}], then (x − {Mean:G6}) / {StandardDeviation:G6}")
        : "z-score with the case's own foreground (non-zero) mean and standard deviation";
}
