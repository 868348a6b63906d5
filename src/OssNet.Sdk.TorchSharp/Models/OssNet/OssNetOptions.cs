// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.Volumes;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.OssNet;

/// <summary>The architecture of an OSS-Net model (or of the O-Net baseline), mirroring the reference configs.</summary>
/// <remarks>
/// Start from a preset (<see cref="OssNetPresets"/>) and change what you need; <see cref="Validate"/> runs in
/// <see cref="OssNetModel.Create(OssNetOptions, EncoderFactory?, OccupancyDecoderFactory?)"/>.
/// </remarks>
public sealed partial class OssNetOptions
{
    /// <summary>Gets or sets a name for the configuration (the presets use the reference config names, e.g. <c>oss_net_full_bra_ts</c>).</summary>
    /// <value>The default value is <c>custom</c>.</value>
    public string Name { get; set; } = "custom";

    /// <summary>Gets or sets the channels of the input volumes (and of each point's small patch).</summary>
    /// <value>The default value is 4 (BraTS: T1, T1ce, T2, FLAIR). LiTS: 1.</value>
    [Range(1, 1024)]
    public int InputChannels { get; set; } = 4;

    /// <summary>Gets or sets the number of classes the model segments, background included.</summary>
    /// <value>The default value is 2 (binary): one output logit with a sigmoid, exactly as the reference and every preset. With
    /// 3 or more classes the decoder and the low-resolution head output one logit per class and a softmax gives the class
    /// probabilities (what the official decoder does when it has more than one output feature).</value>
    [Range(2, 256)]
    public int Classes { get; set; } = 2;

    /// <summary>Gets the logits per point (and channels of the low-resolution head): 1 for a binary model, else <see cref="Classes"/>.</summary>
    public int OutputChannels => OutputChannelsFor(Classes);

    /// <summary>Gets or sets the latent size L. The built-in encoders produce the voxel count of the last stage
    /// (plain) or of <see cref="EncoderOutputShape"/> (skip encoder), which must equal it.</summary>
    /// <value>The default value is 320 (BraTS, 8·8·5). LiTS: 512.</value>
    [Range(1, 1 << 20)]
    public int LatentFeatures { get; set; } = 320;

    /// <summary>Gets or sets the output channels of each encoder stage; each stage halves the resolution.</summary>
    /// <value>The default value is [16, 32, 64, 128] (BraTS). LiTS: [8, 16, 32, 64, 128].</value>
    [Required]
    [MinLength(1)]
    public IList<int> EncoderChannels { get; set; } = [16, 32, 64, 128];

    /// <summary>Gets or sets the spatial size of the down-sampled volume the encoder receives.</summary>
    /// <value>The default value is 128×128×80 (BraTS, half of 256×256×160). LiTS: 256×256×256.</value>
    public VolumeShape EncoderInputShape { get; set; } = new(128, 128, 80);

    /// <summary>Gets or sets the pooling target of the skip encoder's latents (and so L for it).</summary>
    /// <value>The default value is null: the encoder input halved once per stage (BraTS 8×8×5, LiTS 8×8×8), as in the reference configs.</value>
    public VolumeShape? EncoderOutputShape { get; set; }

    /// <summary>Gets or sets the output width of each decoder block.</summary>
    /// <value>The default value is [512, 512, 512, 512, 512] (every paper model).</value>
    [Required]
    [MinLength(1)]
    public IList<int> DecoderWidths { get; set; } = [512, 512, 512, 512, 512];

    /// <summary>Gets or sets a value indicating whether each point's 7×7×7 full-resolution neighbourhood feeds the decoder (A–D).</summary>
    /// <value>The default value is true.</value>
    public bool UseSmallPatches { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether the 14×14×14 neighbourhood, pooled to 7×7×7, is appended to the
    /// small patch (B, D). Requires <see cref="UseSmallPatches"/>.</summary>
    /// <value>The default value is false.</value>
    public bool UseLargePatches { get; set; }

    /// <summary>Gets or sets a value indicating whether the encoder produces one latent per decoder block plus one (C, D).</summary>
    /// <value>The default value is false.</value>
    public bool UseSkipEncoder { get; set; }

    /// <summary>Gets or sets a value indicating whether the encoder predicts a low-resolution segmentation (C, D):
    /// the auxiliary loss and the optimised inference need it. Requires <see cref="UseSkipEncoder"/>.</summary>
    /// <value>The default value is false.</value>
    public bool UseLowResolutionHead { get; set; }

    /// <summary>Gets or sets a value indicating whether coordinates are encoded with random Fourier features (reference
    /// configs D1/D2; not part of the paper's A–D).</summary>
    /// <value>The default value is false.</value>
    public bool UseFourierFeatures { get; set; }

    /// <summary>Gets or sets the number of random Fourier frequencies.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 4096)]
    public int FourierFrequencies { get; set; } = FourierFeatures.DefaultFrequencies;

    /// <summary>Gets or sets the spatial size of the full-resolution grid that query coordinates index.</summary>
    /// <value>The default value is 256×256×160 (BraTS after padding). LiTS: 512×512×512.</value>
    public VolumeShape FullResolutionShape { get; set; } = new(256, 256, 160);

    /// <summary>Gets or sets the dropout probability of every dropout layer.</summary>
    /// <value>The default value is 0 (all reference configs).</value>
    [Range(0.0, 1.0)]
    public double Dropout { get; set; }

    /// <summary>Gets or sets the seed of the model's initial weights and Fourier matrix.</summary>
    /// <value>The default value is null: TorchSharp's global generator, like PyTorch. With a seed, two models built from the
    /// same options are identical (PyTorch's default initialisation distributions, drawn from a seeded generator).</value>
    public int? Seed { get; set; }

    /// <summary>Gets the number of 7×7×7 patch channels each point needs: C (small), 2C (small + large) or 0.</summary>
    public int PatchChannels => !UseSmallPatches ? 0 : UseLargePatches ? 2 * InputChannels : InputChannels;

    /// <summary>Gets the latents per volume the encoder must produce: the block count + 1 with the skip encoder, else 1.</summary>
    public int LatentCount => UseSkipEncoder ? DecoderWidths.Count + 1 : 1;

    /// <summary>Returns the logits per point of a model with <paramref name="classes"/> classes: 1 (sigmoid) for two, else one per class (softmax).</summary>
    /// <param name="classes">Classes including background, at least 2.</param>
    public static int OutputChannelsFor(int classes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        return classes == 2 ? 1 : classes;
    }

    /// <summary>Gets or sets a replacement for every PAU (benchmarks and tests only; it changes the state-dict keys).</summary>
    internal Func<Module<Tensor, Tensor>>? ActivationOverride { get; set; }

    /// <summary>Gets the skip encoder's pooling target: <see cref="EncoderOutputShape"/> or the input halved per stage.</summary>
    internal VolumeShape ResolvedEncoderOutputShape =>
        EncoderOutputShape ?? new VolumeShape(
            EncoderInputShape.X >> EncoderChannels.Count, EncoderInputShape.Y >> EncoderChannels.Count, EncoderInputShape.Z >> EncoderChannels.Count);

    /// <summary>Checks every option and their combinations.</summary>
    /// <param name="builtInEncoder">Whether the built-in encoder will be used (then L must follow from the shapes).</param>
    /// <exception cref="ValidationException">An option is invalid; the message names it and why.</exception>
    public void Validate(bool builtInEncoder = true)
    {
        var errors = new List<string>();
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => r.ErrorMessage ?? "invalid value"));
        }

        CheckShape(EncoderInputShape, nameof(EncoderInputShape), errors);
        CheckShape(FullResolutionShape, nameof(FullResolutionShape), errors);
        if (EncoderOutputShape is { } outputShape)
        {
            CheckShape(outputShape, nameof(EncoderOutputShape), errors);
        }

        if (EncoderChannels is { Count: > 0 } && EncoderChannels.Any(c => c < 1))
        {
            errors.Add($"{nameof(EncoderChannels)} must all be positive; got [{string.Join(", ", EncoderChannels)}].");
        }

        if (DecoderWidths is { Count: > 0 } && DecoderWidths.Any(w => w < 1))
        {
            errors.Add($"{nameof(DecoderWidths)} must all be positive; got [{string.Join(", ", DecoderWidths)}].");
        }

        if (UseLargePatches && !UseSmallPatches)
        {
            errors.Add($"{nameof(UseLargePatches)} requires {nameof(UseSmallPatches)}: the large patch is appended to the small one.");
        }

        if (UseLowResolutionHead && !UseSkipEncoder)
        {
            errors.Add($"{nameof(UseLowResolutionHead)} requires {nameof(UseSkipEncoder)}: the plain encoder has no low-resolution head (the reference silently ignores it, configs E1/E2).");
        }

        if (builtInEncoder && errors.Count == 0)
        {
            CheckBuiltInEncoder(errors);
        }

        if (errors.Count > 0)
        {
            throw new ValidationException($"Invalid OssNetOptions '{Name}': {string.Join(" ", errors)}");
        }
    }

    /// <summary>Returns a copy whose lists are new lists.</summary>
    public OssNetOptions Clone()
    {
        var copy = (OssNetOptions)MemberwiseClone();
        copy.EncoderChannels = [.. EncoderChannels];
        copy.DecoderWidths = [.. DecoderWidths];
        return copy;
    }

    private void CheckBuiltInEncoder(List<string> errors)
    {
        var stages = EncoderChannels.Count;
        var factor = 1 << stages;
        if (EncoderInputShape.X < factor || EncoderInputShape.Y < factor || EncoderInputShape.Z < factor)
        {
            errors.Add($"{nameof(EncoderInputShape)} {EncoderInputShape} is too small for {stages} encoder stages: every extent must be at least {factor}.");
            return;
        }

        if (UseSkipEncoder)
        {
            if (EncoderChannels.Any(c => c < 2))
            {
                errors.Add($"The skip encoder halves each stage's channels: {nameof(EncoderChannels)} must all be at least 2; got [{string.Join(", ", EncoderChannels)}].");
            }

            var pooled = ResolvedEncoderOutputShape;
            if (pooled.VoxelCount != LatentFeatures)
            {
                errors.Add($"{nameof(LatentFeatures)} is {LatentFeatures}, but the skip encoder's latents have {pooled.X}·{pooled.Y}·{pooled.Z} = {pooled.VoxelCount} features ({nameof(EncoderOutputShape)}).");
            }
        }
        else
        {
            var last = new VolumeShape(EncoderInputShape.X >> stages, EncoderInputShape.Y >> stages, EncoderInputShape.Z >> stages);
            if (last.VoxelCount != LatentFeatures)
            {
                errors.Add($"{nameof(LatentFeatures)} is {LatentFeatures}, but the plain encoder's latent is its last stage's {last.X}·{last.Y}·{last.Z} = {last.VoxelCount} voxels ({nameof(EncoderInputShape)} {EncoderInputShape} halved {stages} times).");
            }
        }
    }

    private static void CheckShape(VolumeShape shape, string name, List<string> errors)
    {
        if (shape.X <= 0 || shape.Y <= 0 || shape.Z <= 0)
        {
            errors.Add($"{name} must have positive extents; got {shape}.");
        }
    }
}
