// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// The architecture of a residual U-Net baseline (<see cref="ResidualUNet3D"/> or <see cref="ResidualUNet2D"/>):
/// how many resolution levels, how wide, how it down- and up-samples.
/// </summary>
/// <remarks>
/// The defaults are <see cref="UNetPresets.BraTs3D"/>. Level <c>k</c> (0 = full resolution) has
/// <c>BaseChannels · ChannelMultiplier^k</c> channels; there are <see cref="Depth"/> levels and
/// <c>Depth − 1</c> poolings, so inputs are padded internally to a multiple of <see cref="SizeMultiple"/> = 2^(Depth−1).
/// The paper does not publish its U-Net configurations (docs/models/baselines.md).
/// </remarks>
public sealed class UNetOptions
{
    /// <summary>Gets or sets a name for messages and logs.</summary>
    /// <value>The default value is <c>residual_unet_3d_bra_ts</c>.</value>
    [Required]
    public string Name { get; set; } = "residual_unet_3d_bra_ts";

    /// <summary>Gets or sets the spatial rank: 3 for <see cref="ResidualUNet3D"/> ([B, C, X, Y, Z]), 2 for
    /// <see cref="ResidualUNet2D"/> ([B, C, H, W] slices).</summary>
    /// <value>The default value is 3.</value>
    [Range(2, 3)]
    public int SpatialDimensions { get; set; } = 3;

    /// <summary>Gets or sets the channels of the input (BraTS: 4 MR sequences; LiTS: 1 CT).</summary>
    /// <value>The default value is 4.</value>
    [Range(1, 4096)]
    public int InputChannels { get; set; } = 4;

    /// <summary>Gets or sets the channels of the output logits (1 for the paper's binary tasks).</summary>
    /// <value>The default value is 1.</value>
    [Range(1, 4096)]
    public int OutputChannels { get; set; } = 1;

    /// <summary>Gets or sets the channels of the full-resolution level.</summary>
    /// <value>The default value is 20 (≈ 9.0 M parameters at depth 5, comparable to OSS-Net C's 8.7 M).</value>
    [Range(1, 4096)]
    public int BaseChannels { get; set; } = 20;

    /// <summary>Gets or sets the number of resolution levels, the bottleneck included; the input is pooled
    /// <c>Depth − 1</c> times.</summary>
    /// <value>The default value is 5 (BraTS 256×256×160 → 16×16×10 at the bottleneck).</value>
    [Range(1, MaximumDepth)]
    public int Depth { get; set; } = 5;

    /// <summary>Gets or sets the factor by which the channel count grows from one level to the next.</summary>
    /// <value>The default value is 2.</value>
    [Range(1, 8)]
    public int ChannelMultiplier { get; set; } = 2;

    /// <summary>Gets or sets the dropout probability between the two convolutions of every residual block.</summary>
    /// <value>The default value is 0. Valid range: [0, 1).</value>
    [Range(0.0, 1.0)]
    public double Dropout { get; set; }

    /// <summary>Gets or sets a value indicating whether the decoder up-samples with a learned transposed convolution
    /// (kernel 2, stride 2, with bias) instead of parameter-free trilinear (3D) or bilinear (2D) interpolation.</summary>
    /// <value>The default value is true. With interpolation, the up-sampled features keep the coarser level's width and
    /// the decoder blocks take <c>c_k + c_(k+1)</c> channels instead of <c>2·c_k</c>.</value>
    public bool UseTransposedConvolution { get; set; } = true;

    /// <summary>Gets or sets how the encoder halves the resolution.</summary>
    /// <value>The default value is <see cref="UNetPooling.Max"/>.</value>
    public UNetPooling Pooling { get; set; } = UNetPooling.Max;

    /// <summary>Gets or sets a factory for every activation; each call must return a new module.</summary>
    /// <value>The default value is null: a new <see cref="Activations.PadeActivationUnit"/> (10 parameters each) per call
    /// site, as in OSS-Net. Another activation changes the parameter count and the state-dict keys.</value>
    public Func<Module<Tensor, Tensor>>? ActivationFactory { get; set; }

    /// <summary>Gets or sets the seed of the initial weights.</summary>
    /// <value>The default value is null: TorchSharp's global generator, like PyTorch. With a seed, two models built from
    /// the same options are identical (PyTorch's default distributions, drawn from a seeded generator).</value>
    public int? Seed { get; set; }

    /// <summary>Gets the channels of each level, full resolution first.</summary>
    public IReadOnlyList<long> LevelChannels
    {
        get
        {
            var channels = new long[Math.Clamp(Depth, 0, MaximumDepth)];
            long width = BaseChannels;
            for (var level = 0; level < channels.Length; level++)
            {
                channels[level] = width;
                width *= ChannelMultiplier;
            }

            return channels;
        }
    }

    /// <summary>Gets the multiple every spatial extent is padded to internally: 2^(<see cref="Depth"/> − 1).</summary>
    public long SizeMultiple => 1L << Math.Clamp(Depth - 1, 0, MaximumDepth);

    /// <summary>Gets the largest supported depth (2^11 = 2048 voxels per bottleneck voxel).</summary>
    internal const int MaximumDepth = 12;

    /// <summary>Gets the largest channel count any level may have.</summary>
    internal const long MaximumChannels = 1L << 16;

    /// <summary>Checks every option and their combinations.</summary>
    /// <exception cref="ValidationException">An option is invalid; the message names the options, each problem and the
    /// value it got.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => $"{r.ErrorMessage?.TrimEnd('.')} (got {Describe(r.MemberNames)})."));
        }

        if (Dropout >= 1.0)
        {
            errors.Add($"{nameof(Dropout)} must be below 1 (1 would drop every feature); got {Dropout}.");
        }

        if (errors.Count == 0)
        {
            var widest = LevelChannels[^1];
            if (widest > MaximumChannels)
            {
                errors.Add(
                    $"The bottleneck would have {BaseChannels}·{ChannelMultiplier}^{Depth - 1} = {widest} channels, more than {MaximumChannels}: "
                    + $"lower {nameof(BaseChannels)}, {nameof(ChannelMultiplier)} or {nameof(Depth)}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationException($"Invalid UNetOptions '{Name}': {string.Join(" ", errors)}");
        }
    }

    /// <summary>Returns a shallow copy (the activation factory is shared).</summary>
    /// <returns>A new options instance with the same values.</returns>
    public UNetOptions Clone() => (UNetOptions)MemberwiseClone();

    private string Describe(IEnumerable<string> members) =>
        string.Join(", ", members.Select(m => typeof(UNetOptions).GetProperty(m)?.GetValue(this)?.ToString() ?? "null"));
}
