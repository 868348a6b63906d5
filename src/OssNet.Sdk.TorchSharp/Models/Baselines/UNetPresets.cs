// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// Configurations of the residual U-Net baselines for BraTS 2020 and LiTS, and tiny ones for tests and samples.
/// </summary>
/// <remarks>
/// <para>The paper does not publish its U-Net configurations and its code does not contain them (see docs/models/baselines.md). These
/// presets give both baselines a capacity comparable to OSS-Net C (8,695,733 parameters on BraTS): 3D with 20 base
/// channels over 5 levels (20-40-80-160-320), 2D with 32 base channels over 5 levels (32-64-128-256-512); PAU
/// activations, max pooling, transposed-convolution up-sampling, no dropout. BraTS and LiTS differ only in the input
/// channels (4 MR sequences vs 1 CT). Parameter counts (trainable; BN running statistics excluded) are stated on each
/// property and derived in docs/models/baselines.md.</para>
/// <para>Every property returns a new <see cref="UNetOptions"/>, free to change.</para>
/// </remarks>
public static class UNetPresets
{
    /// <summary>The levels of the paper-scale presets (and the most <see cref="UNetOptions.ForGrid"/> uses by default).</summary>
    internal const int PresetDepth = 5;

    /// <summary>The full-resolution width of the paper-scale 3D presets.</summary>
    internal const int BaseChannels3D = 20;

    /// <summary>The full-resolution width of the paper-scale 2D presets.</summary>
    internal const int BaseChannels2D = 32;

    /// <summary>Gets the 3D U-Net for BraTS 2020 (<c>residual_unet_3d_bra_ts</c>): 4 input channels, levels
    /// 20-40-80-160-320; 8,959,221 parameters.</summary>
    public static UNetOptions BraTs3D => Create("residual_unet_3d_bra_ts", spatialDimensions: 3, inputChannels: 4, baseChannels: BaseChannels3D, depth: PresetDepth);

    /// <summary>Gets the 2D (slice-wise) U-Net for BraTS 2020 (<c>residual_unet_2d_bra_ts</c>): 4 input channels, levels
    /// 32-64-128-256-512; 8,111,797 parameters.</summary>
    public static UNetOptions BraTs2D => Create("residual_unet_2d_bra_ts", spatialDimensions: 2, inputChannels: 4, baseChannels: BaseChannels2D, depth: PresetDepth);

    /// <summary>Gets the 3D U-Net for LiTS (<c>residual_unet_3d_lits</c>): 1 input channel, levels 20-40-80-160-320;
    /// 8,957,541 parameters.</summary>
    public static UNetOptions LiTs3D => Create("residual_unet_3d_lits", spatialDimensions: 3, inputChannels: 1, baseChannels: BaseChannels3D, depth: PresetDepth);

    /// <summary>Gets the 2D (slice-wise) U-Net for LiTS (<c>residual_unet_2d_lits</c>): 1 input channel, levels
    /// 32-64-128-256-512; 8,110,837 parameters.</summary>
    public static UNetOptions LiTs2D => Create("residual_unet_2d_lits", spatialDimensions: 2, inputChannels: 1, baseChannels: BaseChannels2D, depth: PresetDepth);

    /// <summary>Gets a tiny 3D U-Net for CPU tests (<c>tiny_3d</c>): 1 input channel, levels 2-4-8 (inputs padded to a
    /// multiple of 4); 5,613 parameters.</summary>
    public static UNetOptions Tiny3D => Create("tiny_3d", spatialDimensions: 3, inputChannels: 1, baseChannels: 2, depth: 3);

    /// <summary>Gets a tiny 2D U-Net for CPU tests (<c>tiny_2d</c>): 1 input channel, levels 4-8-16 (inputs padded to a
    /// multiple of 4); 7,901 parameters.</summary>
    public static UNetOptions Tiny2D => Create("tiny_2d", spatialDimensions: 2, inputChannels: 1, baseChannels: 4, depth: 3);

    /// <summary>Gets the names of the presets, paper-scale first.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "residual_unet_3d_bra_ts", "residual_unet_2d_bra_ts", "residual_unet_3d_lits", "residual_unet_2d_lits", "tiny_3d", "tiny_2d",
    ];

    /// <summary>Returns the preset with the given name (see <see cref="Names"/>).</summary>
    /// <param name="name">The name, case-insensitive.</param>
    /// <returns>A new options instance.</returns>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the names.</exception>
    public static UNetOptions FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant() switch
        {
            "RESIDUAL_UNET_3D_BRA_TS" => BraTs3D,
            "RESIDUAL_UNET_2D_BRA_TS" => BraTs2D,
            "RESIDUAL_UNET_3D_LITS" => LiTs3D,
            "RESIDUAL_UNET_2D_LITS" => LiTs2D,
            "TINY_3D" => Tiny3D,
            "TINY_2D" => Tiny2D,
            _ => throw new ArgumentException($"No U-Net preset is named '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }

    private static UNetOptions Create(string name, int spatialDimensions, int inputChannels, int baseChannels, int depth) => new()
    {
        Name = name,
        SpatialDimensions = spatialDimensions,
        InputChannels = inputChannels,
        Classes = 2,
        BaseChannels = baseChannels,
        Depth = depth,
        ChannelMultiplier = 2,
        Dropout = 0.0,
        UseTransposedConvolution = true,
        Pooling = UNetPooling.Max,
    };
}
