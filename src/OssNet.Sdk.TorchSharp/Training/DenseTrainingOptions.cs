// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>The loss of the dense U-Net baselines.</summary>
/// <remarks>With N ≥ 3 classes (softmax outputs) "binary cross-entropy" is the softmax cross-entropy over the N classes and
/// soft Dice is averaged over the foreground classes (<see cref="Losses.DiceLoss.SoftMultiClass"/>).</remarks>
public enum DenseLoss
{
    /// <summary>Binary cross-entropy (the only segmentation loss of the reference code base); cross-entropy with N classes.</summary>
    BinaryCrossEntropy,

    /// <summary>Soft Dice (over the foreground classes with N classes).</summary>
    Dice,

    /// <summary>Soft Dice plus binary cross-entropy (soft Dice over the foreground classes plus cross-entropy with N classes).</summary>
    DiceWithBinaryCrossEntropy,
}

/// <summary>How a dense baseline (residual 3D or 2D U-Net) is trained and validated.</summary>
public sealed class DenseTrainingOptions
{
    /// <summary>Gets or sets the preprocessing onto the working grid (the same as the occupancy models', for a fair comparison).</summary>
    /// <value>Required.</value>
    public IVolumeTransform? Preprocessing { get; set; }

    /// <summary>Gets or sets the factor by which the preprocessed volume is averaged down before the network sees it (1 or 2).</summary>
    /// <value>The default value is 1 (full resolution). 2 trains on the encoder-sized grid and upsamples predictions.</value>
    public int Downscale { get; set; } = 1;

    /// <summary>Gets or sets the 3D U-Net's random training crop (X, Y, Z); null trains on whole volumes.</summary>
    /// <value>The default value is null. Validation and inference use sliding windows of this size.</value>
    public (int X, int Y, int Z)? PatchShape { get; set; }

    /// <summary>Gets or sets the number of random slices per volume and step for the 2D U-Net; null uses every slice.</summary>
    /// <value>The default value is 16.</value>
    public int? SlicesPerVolume { get; set; } = 16;

    /// <summary>Gets or sets the axis the 2D U-Net slices along.</summary>
    /// <value>The default value is <see cref="VolumeAxis.Z"/> (axial slices).</value>
    public VolumeAxis SliceAxis { get; set; } = VolumeAxis.Z;

    /// <summary>Gets or sets the classes the model segments: label files are mapped to class indices through it in training
    /// and validation, and masks are written with its label values.</summary>
    /// <value>The default value is <see cref="LabelSet.Binary(string)"/> (every non-zero label is foreground, as before). Its
    /// <see cref="LabelSet.Count"/> must equal the model's <see cref="UNetOptions.Classes"/>.</value>
    public LabelSet Labels { get; set; } = LabelSet.Binary();

    /// <summary>Gets or sets the loss.</summary>
    /// <value>The default value is <see cref="DenseLoss.DiceWithBinaryCrossEntropy"/>.</value>
    public DenseLoss Loss { get; set; } = DenseLoss.DiceWithBinaryCrossEntropy;

    /// <summary>Gets or sets a value indicating whether the reference's flips, brightness shift and noise are applied in training.</summary>
    /// <value>The default value is true.</value>
    public bool Augment { get; set; } = true;

    /// <summary>Throws when an option is invalid or does not match <paramref name="model"/>.</summary>
    /// <param name="model">The model the options are used with.</param>
    /// <exception cref="ArgumentException">An option is invalid, or <see cref="Labels"/> has another number of classes than the model.</exception>
    public void Validate(ResidualUNet model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validate();
        if (Labels.Count != model.Classes)
        {
            throw new ArgumentException(
                $"Labels has {Labels.Count} classes ({Labels.Describe()}), but model '{model.Options.Name}' segments {model.Classes} "
                + $"(UNetOptions.Classes): build the model with Classes = {Labels.Count}, or give it its own label set.",
                nameof(model));
        }
    }

    /// <summary>Throws when an option is invalid.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        if (Preprocessing is null)
        {
            throw new ArgumentException("Preprocessing is required.", nameof(Preprocessing));
        }

        if (Labels is null)
        {
            throw new ArgumentException("Labels is required (LabelSet.Binary() for a binary model).", nameof(Labels));
        }

        if (Downscale is not (1 or 2))
        {
            throw new ArgumentException($"Downscale = {Downscale} must be 1 or 2.", nameof(Downscale));
        }

        if (PatchShape is { } p && (p.X < 1 || p.Y < 1 || p.Z < 1))
        {
            throw new ArgumentException($"PatchShape {p} must be positive along every axis.", nameof(PatchShape));
        }

        if (SlicesPerVolume is < 1)
        {
            throw new ArgumentException($"SlicesPerVolume = {SlicesPerVolume} must be positive.", nameof(SlicesPerVolume));
        }
    }
}
