// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Segmentation;

/// <summary>The output of a segmenter: a label map on the input's grid, optional probabilities, and statistics.</summary>
/// <param name="Mask">The label map on the original grid and affine of the input, holding the label values of
/// <see cref="Labels"/> (a binary model: 0 and 1).</param>
/// <param name="Probabilities">Foreground probabilities (1 − P(background)) on the same grid, when requested (occupancy
/// models: voxels never queried are 0).</param>
/// <param name="Statistics">What the inference cost.</param>
public sealed record SegmentationResult(LabelVolume Mask, Volume? Probabilities, SegmentationStatistics Statistics)
{
    /// <summary>Gets the classes whose label values <see cref="Mask"/> holds.</summary>
    /// <value>The default value is <see cref="LabelSet.Binary(string)"/>: background 0, foreground 1.</value>
    public LabelSet Labels { get; init; } = LabelSet.Binary();
}

/// <summary>What one segmentation cost.</summary>
/// <param name="PointsQueried">Points the decoder evaluated (occupancy models) or voxels predicted densely (U-Nets).</param>
/// <param name="DenseGridPoints">Voxels of the grid the model predicted on (the preprocessed grid).</param>
/// <param name="Elapsed">Wall time of the tensor work.</param>
/// <param name="PeakMemoryBytes">Peak resident memory of the process observed during the call (CPU), or null when unknown.</param>
public sealed record SegmentationStatistics(long PointsQueried, long DenseGridPoints, TimeSpan Elapsed, long? PeakMemoryBytes)
{
    /// <summary>Gets the share of the dense grid that was queried.</summary>
    public double QueriedFraction => DenseGridPoints == 0 ? 0 : (double)PointsQueried / DenseGridPoints;
}
