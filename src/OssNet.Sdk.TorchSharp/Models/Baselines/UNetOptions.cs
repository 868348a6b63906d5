// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Numerics;
using OssNet.Sdk.Volumes;
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

    /// <summary>Gets or sets the number of classes the network segments, background included.</summary>
    /// <value>The default value is 2 (binary, as in the paper): one output channel read through a sigmoid. With N ≥ 3
    /// classes the network has N output channels read through a softmax (<see cref="OutputChannels"/>). Valid range: [2, 256]
    /// (label values are bytes).</value>
    [Range(2, 256)]
    public int Classes { get; set; } = 2;

    /// <summary>Gets the channels of the output logits: 1 for a binary network (<see cref="Classes"/> = 2; sigmoid), else
    /// <see cref="Classes"/> (softmax).</summary>
    public int OutputChannels => Classes == 2 ? 1 : Classes;

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

    /// <summary>The smallest extent, in voxels, a grid-derived U-Net keeps at its bottleneck (nnU-Net's rule).</summary>
    public const int MinimumBottleneckExtent = 4;

    /// <summary>The fewest levels a grid-derived U-Net may have (two poolings).</summary>
    public const int MinimumGridDepth = 3;

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

    /// <summary>
    /// Derives a U-Net for a working grid: as many levels as the grid's extents can be halved exactly while the bottleneck
    /// keeps at least <see cref="MinimumBottleneckExtent"/> voxels (at most <paramref name="maximumDepth"/>), the presets'
    /// widths (3D: 20 base channels; 2D: 32) and the given classes. Nothing about the grid is typed by hand.
    /// </summary>
    /// <param name="grid">The working grid the network sees (after preprocessing; for a 3D U-Net trained on crops, the crop).</param>
    /// <param name="inputChannels">The image channels.</param>
    /// <param name="classes">The classes, background included (2 = binary, one sigmoid output).</param>
    /// <param name="kind">3D (every axis is pooled) or slice-wise 2D (only the two axes other than
    /// <paramref name="sliceAxis"/> are pooled).</param>
    /// <param name="sliceAxis">The axis a 2D U-Net slices along (<see cref="Training.DenseTrainingOptions.SliceAxis"/> must
    /// be the same); ignored in 3D.</param>
    /// <param name="baseChannels">The width of the full-resolution level; null takes the presets' (3D: 20, 2D: 32).</param>
    /// <param name="maximumDepth">The most levels to use; the default 5 is the presets' depth.</param>
    /// <returns>New, validated options. On the BraTS grid (256×256×160) with 4 channels and 2 classes they equal
    /// <see cref="UNetPresets.BraTs3D"/> / <see cref="UNetPresets.BraTs2D"/> (same parameter counts).</returns>
    /// <exception cref="ArgumentException">The grid does not fit: an extent cannot be halved
    /// <c><see cref="MinimumGridDepth"/> − 1</c> times exactly, or is too small for that; the message names the axis, the
    /// extent and the nearest extent that fits.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Channels, classes or depth out of range.</exception>
    public static UNetOptions ForGrid(
        VolumeShape grid, int inputChannels, int classes, UNetKind kind, VolumeAxis sliceAxis = VolumeAxis.Z, int? baseChannels = null, int maximumDepth = UNetPresets.PresetDepth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximumDepth, MinimumGridDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maximumDepth, MaximumDepth);
        if (kind is not (UNetKind.Volumetric3D or UNetKind.SliceWise2D))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "The kind must be Volumetric3D or SliceWise2D.");
        }

        if (sliceAxis is not (VolumeAxis.X or VolumeAxis.Y or VolumeAxis.Z))
        {
            throw new ArgumentOutOfRangeException(nameof(sliceAxis), sliceAxis, "The axis must be X, Y or Z.");
        }

        var threeD = kind == UNetKind.Volumetric3D;
        var axes = new[] { ('x', grid.X, VolumeAxis.X), ('y', grid.Y, VolumeAxis.Y), ('z', grid.Z, VolumeAxis.Z) }
            .Where(a => threeD || a.Item3 != sliceAxis)
            .Select(a => (Name: a.Item1, Extent: a.Item2))
            .ToList();
        var poolings = maximumDepth - 1;
        foreach (var (_, extent) in axes)
        {
            poolings = Math.Min(poolings, PoolingsThatFit(extent));
        }

        var needed = MinimumGridDepth - 1;
        if (poolings < needed)
        {
            var (name, extent) = axes.First(a => PoolingsThatFit(a.Extent) < needed);
            var multiple = 1 << needed;
            var smallest = MinimumBottleneckExtent * multiple;
            var nearest = Math.Max(smallest, (int)Math.Round(extent / (double)multiple, MidpointRounding.AwayFromZero) * multiple);
            var planes = threeD ? "every extent" : $"both in-plane extents (slices along {sliceAxis})";
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"A {(threeD ? "3D" : "2D")} U-Net does not fit the grid {grid.X}×{grid.Y}×{grid.Z}: its {name} extent {extent} "
                    + $"{(extent < smallest ? $"is below {smallest}" : $"is not a multiple of {multiple}")}. The U-Net halves {planes} at least {needed} times "
                    + $"and keeps {MinimumBottleneckExtent} voxels at the bottleneck, so each must be a multiple of {multiple} and at least {smallest}: "
                    + $"pad or crop the grid (e.g. {name} = {nearest})."),
                nameof(grid));
        }

        var depth = poolings + 1;
        var options = new UNetOptions
        {
            Name = string.Create(CultureInfo.InvariantCulture, $"residual_unet_{(threeD ? "3d" : "2d")}_{grid.X}x{grid.Y}x{grid.Z}"),
            SpatialDimensions = threeD ? 3 : 2,
            InputChannels = inputChannels,
            Classes = classes,
            BaseChannels = baseChannels ?? (threeD ? UNetPresets.BaseChannels3D : UNetPresets.BaseChannels2D),
            Depth = depth,
        };
        options.Validate();
        return options;
    }

    /// <summary>Returns a shallow copy (the activation factory is shared).</summary>
    /// <returns>A new options instance with the same values.</returns>
    public UNetOptions Clone() => (UNetOptions)MemberwiseClone();

    /// <summary>How often <paramref name="extent"/> can be halved exactly while keeping <see cref="MinimumBottleneckExtent"/> voxels.</summary>
    private static int PoolingsThatFit(int extent)
    {
        if (extent < MinimumBottleneckExtent)
        {
            return -1;
        }

        var exact = BitOperations.TrailingZeroCount(extent);
        var large = BitOperations.Log2((uint)(extent / MinimumBottleneckExtent));
        return Math.Min(exact, large);
    }

    private string Describe(IEnumerable<string> members) =>
        string.Join(", ", members.Select(m => typeof(UNetOptions).GetProperty(m)?.GetValue(this)?.ToString() ?? "null"));
}
