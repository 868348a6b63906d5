// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Segmentation;

/// <summary>Per-call options of <see cref="ISegmenter.SegmentAsync"/>.</summary>
public sealed class SegmentationRequest
{
    /// <summary>Gets or sets a value indicating whether the result carries the foreground probabilities.</summary>
    /// <value>The default value is false (probabilities of a large volume cost 4 bytes per voxel).</value>
    public bool IncludeProbabilities { get; set; }

    /// <summary>Gets or sets the probability above which a voxel is foreground.</summary>
    /// <value>The default value is 0.5 (strictly greater, as the reference).</value>
    public double ThresholdProbability { get; set; } = 0.5;

    /// <summary>Gets or sets a value indicating whether occupancy models use the encoder prior to skip empty space (OSS-Net C/D only).</summary>
    /// <value>The default value is null: the segmenter's own setting.</value>
    public bool? UseEncoderPrior { get; set; }
}
