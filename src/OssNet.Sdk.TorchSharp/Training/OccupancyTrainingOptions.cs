// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>How an occupancy model (OSS-Net A–D, O-Net) is trained on sampled points (see docs/guides/training.md).</summary>
public sealed class OccupancyTrainingOptions
{
    /// <summary>Gets or sets the preprocessing that maps a case onto the model's full-resolution grid.</summary>
    /// <value>Required. <see cref="Preprocessing.BraTs2020"/> for the BraTS presets; the output shape must equal the model's
    /// <c>FullResolutionShape</c>.</value>
    public IVolumeTransform? Preprocessing { get; set; }

    /// <summary>Gets or sets the classes the model learns and how label files' values map to them.</summary>
    /// <value>The default value is <see cref="LabelSet.Binary(string)"/>: every non-zero value is foreground (the reference's
    /// whole-tumour / liver setting). The model's <c>Classes</c> must equal <see cref="LabelSet.Count"/>; a label value outside a
    /// non-collapsing set is an error naming the case.</value>
    public LabelSet Labels { get; set; } = LabelSet.Binary();

    /// <summary>Gets or sets the points sampled per volume per step.</summary>
    /// <value>The default value is 16384 (2^14, the reference).</value>
    public int PointsPerVolume { get; set; } = 16384;

    /// <summary>Gets or sets the share of points drawn from the band around the label surface (0 = uniform sampling). With
    /// several classes the band follows every boundary between two different classes.</summary>
    /// <value>The default value is 0: the reference's BraTS runs sample uniformly; its LiTS runs use 0.5.</value>
    public double BorderShare { get; set; }

    /// <summary>Gets or sets the weight of the encoder head's low-resolution BCE (models with the head only).</summary>
    /// <value>The default value is 0.1, as the reference's scripts.</value>
    public double AuxiliaryLossWeight { get; set; } = 0.1;

    /// <summary>Gets or sets a value indicating whether the reference's augmentation (in-plane flips, brightness shift, Gaussian
    /// noise, each with probability 0.5) is applied to training batches.</summary>
    /// <value>The default value is true.</value>
    public bool Augment { get; set; } = true;

    /// <summary>Gets or sets the largest translation, in voxels per axis, of the translation augmentation: with
    /// <see cref="Augment"/>, each training volume is shifted (circularly) by a random −N..N voxels on every axis, together with
    /// its labels and points. The decoder sees absolute coordinates, so without it a model trained on few subjects learns
    /// where anatomy sat in them; shifting teaches it that anatomy moves.</summary>
    /// <value>The default value is 0: off (the reference has no translation augmentation). <c>ossnet train</c> uses 1/8 of
    /// the grid's smallest extent.</value>
    public int MaxShiftVoxels { get; set; }

    /// <summary>Gets or sets the points sampled uniformly per validation volume.</summary>
    /// <value>The default value is 131072 (2^17, the reference's BraTS validation).</value>
    public int ValidationPointsPerVolume { get; set; } = 131072;

    /// <summary>Gets or sets the largest number of points decoded in one call during validation.</summary>
    /// <value>The default value is 16384.</value>
    public int MaxPointsPerForward { get; set; } = 16384;

    /// <summary>Throws when an option is out of range.</summary>
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

        if (MaxShiftVoxels < 0)
        {
            throw new ArgumentException($"MaxShiftVoxels = {MaxShiftVoxels} must not be negative.", nameof(MaxShiftVoxels));
        }

        if (PointsPerVolume < 1)
        {
            throw new ArgumentException($"PointsPerVolume = {PointsPerVolume} must be positive.", nameof(PointsPerVolume));
        }

        if (!(BorderShare >= 0 && BorderShare <= 1))
        {
            throw new ArgumentException($"BorderShare = {BorderShare} is outside [0, 1].", nameof(BorderShare));
        }

        if (!(AuxiliaryLossWeight >= 0 && double.IsFinite(AuxiliaryLossWeight)))
        {
            throw new ArgumentException($"AuxiliaryLossWeight = {AuxiliaryLossWeight} must be finite and not negative.", nameof(AuxiliaryLossWeight));
        }

        if (ValidationPointsPerVolume < 1 || MaxPointsPerForward < 1)
        {
            throw new ArgumentException("ValidationPointsPerVolume and MaxPointsPerForward must be positive.", nameof(ValidationPointsPerVolume));
        }
    }
}
