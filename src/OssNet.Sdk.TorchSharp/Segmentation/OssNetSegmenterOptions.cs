// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Inference;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Segmentation;

/// <summary>Options of <see cref="OssNetSegmenter"/>.</summary>
public sealed class OssNetSegmenterOptions
{
    /// <summary>Gets or sets the preprocessing that maps a case onto the model's full-resolution grid (the same as in training).</summary>
    /// <value>Required. Its geometry steps are inverted to put the mask back on the input's own grid and affine.</value>
    public IVolumeTransform? Preprocessing { get; set; }

    /// <summary>Gets or sets a value indicating whether models with an encoder head (OSS-Net C/D) query only the stride-4
    /// lattice points the head predicts as foreground (see docs/guides/segmentation.md).</summary>
    /// <value>The default value is true. Ignored for models without the head.</value>
    public bool UseEncoderPrior { get; set; } = true;

    /// <summary>Gets or sets the classes of the model and the label value each is written with.</summary>
    /// <value>The default value is <see cref="LabelSet.Binary(string)"/>: masks hold 0 and 1. Its <see cref="LabelSet.Count"/> must
    /// equal the model's <c>Classes</c>; the result's mask holds the set's label values and <c>SegmentationResult.Labels</c> is this set.</value>
    public LabelSet Labels { get; set; } = LabelSet.Binary();

    /// <summary>Gets or sets the multi-resolution procedure (stages, threshold, points per forward).</summary>
    /// <value>The reference's: stages [4, 2, 1], threshold 0.5, 16384 points per forward. The threshold applies to binary models
    /// only; a model with three or more classes takes each point's argmax class.</value>
    public MultiResolutionInfererOptions Inference { get; set; } = new();

    /// <summary>Gets or sets how 14³ patches are pooled at inference.</summary>
    /// <value>The default value is <see cref="LargePatchPooling.Average"/>, as in training (the reference's inference code uses max; see docs/models/oss-net.md, "Deviations and choices").</value>
    public LargePatchPooling LargePatchPooling { get; set; } = LargePatchPooling.Average;

    /// <summary>Throws when an option is invalid.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        if (Preprocessing is null)
        {
            throw new ArgumentException("Preprocessing is required: it must map cases onto the model's full-resolution grid.", nameof(Preprocessing));
        }

        if (Labels is null)
        {
            throw new ArgumentException("Labels is required (LabelSet.Binary() for a binary model).", nameof(Labels));
        }

        ArgumentNullException.ThrowIfNull(Inference, nameof(Inference));
        Inference.Validate();
    }
}
