// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Segmentation;

/// <summary>Per-call options of <see cref="ISegmenter.SegmentAsync"/>.</summary>
public sealed class SegmentationRequest
{
    /// <summary>Gets or sets a value indicating whether the result carries the foreground probabilities.</summary>
    /// <value>The default value is false (probabilities of a large volume cost 4 bytes per voxel).</value>
    public bool IncludeProbabilities { get; set; }

    /// <summary>Gets or sets the probability above which a voxel is foreground (strictly greater, as the reference).</summary>
    /// <value>The default value is null: the segmenter's own setting (0.5 unless configured otherwise). Range (0, 1), exclusive.</value>
    public double? ThresholdProbability { get; set; }

    /// <summary>Gets or sets a value indicating whether occupancy models use the encoder prior to skip empty space (OSS-Net C/D only).</summary>
    /// <value>The default value is null: the segmenter's own setting.</value>
    public bool? UseEncoderPrior { get; set; }
}
