// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Models.OssNet;

/// <summary>
/// The paper's models as options: O-Net (the function-space baseline as the reference code trains it) and OSS-Net A–D,
/// for BraTS 2020 and LiTS, named after the reference configs; plus tiny variants for tests and samples.
/// </summary>
/// <remarks>
/// Every property returns a new <see cref="OssNetOptions"/>, free to change. Paper ↔ code names: O-Net =
/// <c>vanilla_o_net_wide</c>, A = <c>oss_net_A</c>, B = <c>oss_net_B</c>, C = <c>oss_net_full</c>,
/// D = <c>oss_net_full2</c> (the reference README warns that code and paper names differ; the training scripts fix this
/// mapping). Parameter counts: docs/models/oss-net.md.
/// </remarks>
public static class OssNetPresets
{
    /// <summary>Gets O-Net on BraTS 2020 (<c>vanilla_o_net_wide_bra_ts</c>): plain encoder, no patches; 6,890,753 parameters.</summary>
    public static OssNetOptions BraTs2020ONet => BraTs("vanilla_o_net_wide_bra_ts", small: false, large: false, skip: false);

    /// <summary>Gets OSS-Net A on BraTS 2020 (<c>oss_net_A_bra_ts</c>): plain encoder, 7³ patches; 7,245,438 parameters.</summary>
    public static OssNetOptions BraTs2020A => BraTs("oss_net_A_bra_ts", small: true, large: false, skip: false);

    /// <summary>Gets OSS-Net B on BraTS 2020 (<c>oss_net_B_bra_ts</c>): plain encoder, 7³ + pooled 14³ patches; 7,254,358 parameters.</summary>
    public static OssNetOptions BraTs2020B => BraTs("oss_net_B_bra_ts", small: true, large: true, skip: false);

    /// <summary>Gets OSS-Net C on BraTS 2020 (<c>oss_net_full_bra_ts</c>): skip encoder with low-resolution head, 7³ patches; 8,695,733 parameters.</summary>
    public static OssNetOptions BraTs2020C => BraTs("oss_net_full_bra_ts", small: true, large: false, skip: true);

    /// <summary>Gets OSS-Net D on BraTS 2020 (<c>oss_net_full2_bra_ts</c>): skip encoder with head, 7³ + pooled 14³ patches; 8,704,653 parameters.</summary>
    public static OssNetOptions BraTs2020D => BraTs("oss_net_full2_bra_ts", small: true, large: true, skip: true);

    /// <summary>Gets O-Net on LiTS (<c>vanilla_o_net_wide_lits</c>); 9,057,237 parameters.</summary>
    public static OssNetOptions LiTsONet => LiTs("vanilla_o_net_wide_lits", small: false, large: false, skip: false);

    /// <summary>Gets OSS-Net A on LiTS (<c>oss_net_A_lits</c>); 9,409,177 parameters.</summary>
    public static OssNetOptions LiTsA => LiTs("oss_net_A_lits", small: true, large: false, skip: false);

    /// <summary>Gets OSS-Net B on LiTS (<c>oss_net_B_lits</c>); 9,409,520 parameters.</summary>
    public static OssNetOptions LiTsB => LiTs("oss_net_B_lits", small: true, large: true, skip: false);

    /// <summary>Gets OSS-Net C on LiTS (<c>oss_net_full_lits</c>); 10,866,490 parameters.</summary>
    public static OssNetOptions LiTsC => LiTs("oss_net_full_lits", small: true, large: false, skip: true);

    /// <summary>Gets OSS-Net D on LiTS (<c>oss_net_full2_lits</c>); 10,866,833 parameters.</summary>
    public static OssNetOptions LiTsD => LiTs("oss_net_full2_lits", small: true, large: true, skip: true);

    /// <summary>Gets a tiny model shaped like OSS-Net C (skip encoder, low-resolution head, 7³ patches) for tests and
    /// samples: 2 channels, encoder input 32×32×16, three stages (4, 8, 8 channels), L = 32, five blocks of width 32,
    /// full-resolution grid 64×64×32.</summary>
    public static OssNetOptions Tiny => new()
    {
        Name = "tiny",
        InputChannels = 2,
        LatentFeatures = 32,
        EncoderChannels = [4, 8, 8],
        EncoderInputShape = new VolumeShape(32, 32, 16),
        DecoderWidths = [32, 32, 32, 32, 32],
        UseSmallPatches = true,
        UseSkipEncoder = true,
        UseLowResolutionHead = true,
        FullResolutionShape = new VolumeShape(64, 64, 32),
    };

    /// <summary>Gets <see cref="Tiny"/> shaped like O-Net instead: plain encoder, no patches, no head.</summary>
    public static OssNetOptions TinyONet
    {
        get
        {
            var options = Tiny;
            options.Name = "tiny_o_net";
            options.UseSmallPatches = false;
            options.UseSkipEncoder = false;
            options.UseLowResolutionHead = false;
            return options;
        }
    }

    /// <summary>Gets the reference config names of the ten paper presets, BraTS first.</summary>
    public static IReadOnlyList<string> ReferenceNames { get; } =
    [
        "vanilla_o_net_wide_bra_ts", "oss_net_A_bra_ts", "oss_net_B_bra_ts", "oss_net_full_bra_ts", "oss_net_full2_bra_ts",
        "vanilla_o_net_wide_lits", "oss_net_A_lits", "oss_net_B_lits", "oss_net_full_lits", "oss_net_full2_lits",
    ];

    /// <summary>Returns the preset with a reference config name (e.g. <c>oss_net_full_bra_ts</c>) or <c>tiny</c>/<c>tiny_o_net</c>.</summary>
    /// <param name="name">The name, case-insensitive.</param>
    /// <returns>A new options instance.</returns>
    /// <exception cref="ArgumentException">No preset has that name; the message lists the names.</exception>
    public static OssNetOptions FromName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToUpperInvariant() switch
        {
            "VANILLA_O_NET_WIDE_BRA_TS" => BraTs2020ONet,
            "OSS_NET_A_BRA_TS" => BraTs2020A,
            "OSS_NET_B_BRA_TS" => BraTs2020B,
            "OSS_NET_FULL_BRA_TS" => BraTs2020C,
            "OSS_NET_FULL2_BRA_TS" => BraTs2020D,
            "VANILLA_O_NET_WIDE_LITS" => LiTsONet,
            "OSS_NET_A_LITS" => LiTsA,
            "OSS_NET_B_LITS" => LiTsB,
            "OSS_NET_FULL_LITS" => LiTsC,
            "OSS_NET_FULL2_LITS" => LiTsD,
            "TINY" => Tiny,
            "TINY_O_NET" => TinyONet,
            _ => throw new ArgumentException(
                $"No OSS-Net preset is named '{name}'. Known: {string.Join(", ", ReferenceNames)}, tiny, tiny_o_net.", nameof(name)),
        };
    }

    private static OssNetOptions BraTs(string name, bool small, bool large, bool skip) => new()
    {
        Name = name,
        InputChannels = 4,
        LatentFeatures = 320,
        EncoderChannels = [16, 32, 64, 128],
        EncoderInputShape = new VolumeShape(128, 128, 80),
        EncoderOutputShape = new VolumeShape(8, 8, 5),
        DecoderWidths = [512, 512, 512, 512, 512],
        UseSmallPatches = small,
        UseLargePatches = large,
        UseSkipEncoder = skip,
        UseLowResolutionHead = skip,
        FullResolutionShape = new VolumeShape(256, 256, 160),
    };

    private static OssNetOptions LiTs(string name, bool small, bool large, bool skip) => new()
    {
        Name = name,
        InputChannels = 1,
        LatentFeatures = 512,
        EncoderChannels = [8, 16, 32, 64, 128],
        EncoderInputShape = new VolumeShape(256, 256, 256),
        EncoderOutputShape = new VolumeShape(8, 8, 8),
        DecoderWidths = [512, 512, 512, 512, 512],
        UseSmallPatches = small,
        UseLargePatches = large,
        UseSkipEncoder = skip,
        UseLowResolutionHead = skip,
        FullResolutionShape = new VolumeShape(512, 512, 512),
    };
}
