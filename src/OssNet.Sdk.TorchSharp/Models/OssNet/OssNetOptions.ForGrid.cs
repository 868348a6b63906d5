// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Models.OssNet;

/// <summary>Options derived from a grid: the encoder shapes and latent size follow from it, never typed by hand.</summary>
public sealed partial class OssNetOptions
{
    /// <summary>The most encoder stages <see cref="ForGrid"/> builds (BraTS and the paper's BraTS models have 4).</summary>
    public const int MaxEncoderStages = 4;

    /// <summary>The fewest voxels the last encoder stage keeps along each axis when <see cref="ForGrid"/> chooses the stage count
    /// (BraTS keeps 8×8×5).</summary>
    public const int MinLatentExtent = 4;

    /// <summary>The largest extent of the skip encoder's pooled latents along each axis in <see cref="ForGrid"/> (BraTS and LiTS: 8),
    /// which keeps L bounded on large or strongly anisotropic grids (C, D).</summary>
    public const int MaxPooledLatentExtent = 8;

    /// <summary>A multiple that every grid extent may be rounded to and always satisfies <see cref="GridMultiple"/> (2^(4 + 1)).</summary>
    public const int MaxGridMultiple = 2 << MaxEncoderStages;

    /// <summary>Returns the encoder stages <see cref="ForGrid"/> uses for <paramref name="grid"/>: the most stages, up to
    /// <see cref="MaxEncoderStages"/>, that leave every extent of the last stage at least <see cref="MinLatentExtent"/>
    /// voxels (the encoder sees the grid halved, then halves it once per stage).</summary>
    /// <param name="grid">The model's full-resolution grid.</param>
    /// <returns>1 to <see cref="MaxEncoderStages"/>.</returns>
    /// <exception cref="ArgumentException">An extent is below 4·<see cref="MinLatentExtent"/> = 16, too small for one stage.</exception>
    public static int EncoderStages(VolumeShape grid)
    {
        grid.Validate();
        var smallest = Math.Min(grid.X, Math.Min(grid.Y, grid.Z));
        var stages = 0;
        while (stages < MaxEncoderStages && (smallest >> (stages + 2)) >= MinLatentExtent)
        {
            stages++;
        }

        if (stages == 0)
        {
            throw new ArgumentException(
                $"The grid {grid} is too small for an OSS-Net encoder: every extent must be at least {4 * MinLatentExtent} voxels (halved for the encoder input, then once per stage, keeping {MinLatentExtent}).",
                nameof(grid));
        }

        return stages;
    }

    /// <summary>Returns the multiple every extent of <paramref name="grid"/> must be for <see cref="ForGrid"/>:
    /// 2^(stages + 1), the encoder input being the grid halved and each of its <see cref="EncoderStages"/> stages halving again.</summary>
    /// <param name="grid">The model's full-resolution grid.</param>
    /// <returns>4, 8, 16 or 32 (<see cref="MaxGridMultiple"/>); a grid of multiples of 32 always fits.</returns>
    /// <exception cref="ArgumentException">The grid is too small for one stage.</exception>
    public static int GridMultiple(VolumeShape grid) => 2 << EncoderStages(grid);

    /// <summary>
    /// Builds the options of an O-Net or OSS-Net A–D model for any grid: encoder input = grid / 2, <see cref="EncoderStages"/>
    /// stages of <paramref name="encoderBaseChannels"/>·2^i channels, latent size L = the voxel count of the last stage (plain
    /// encoder) or of the pooled skip latents (skip encoder: the last stage's shape, each extent capped at
    /// <see cref="MaxPooledLatentExtent"/>), five decoder blocks of 512.
    /// </summary>
    /// <remarks>
    /// <para>The plain encoder's L is the last stage's voxel count and cannot be capped: on a strongly anisotropic grid (e.g.
    /// 512×512×32, two stages, L = 64·64·4) O-Net, A and B grow large conditioning layers; C and D pool to at most 8 per axis.</para>
    /// <para>On the BraTS grid (256×256×160, 4 channels, 2 classes) the result has the BraTS preset's architecture exactly: the same
    /// parameter count and state-dict keys and shapes (e.g. C: 8,695,733 parameters). The LiTS presets use 5 stages of
    /// [8 … 128] channels and are not reproduced by this derivation; use <see cref="OssNetPresets"/> for them.</para>
    /// </remarks>
    /// <param name="grid">The full-resolution grid the model works on (the preprocessed volume's shape); every extent a multiple of
    /// <see cref="GridMultiple"/>.</param>
    /// <param name="inputChannels">Channels (modalities) of the volumes.</param>
    /// <param name="classes">Classes including background: 2 (binary, one sigmoid logit) or more (softmax).</param>
    /// <param name="variant">O-Net or OSS-Net A–D.</param>
    /// <param name="decoderWidth">Width of every decoder block (the paper's 512).</param>
    /// <param name="decoderBlocks">Number of decoder blocks (the paper's 5).</param>
    /// <param name="encoderBaseChannels">Channels of the first encoder stage, doubled per stage (the paper's BraTS models: 16).</param>
    /// <returns>New, valid options named after the variant and grid, e.g. <c>oss_net_C_256x256x160</c>.</returns>
    /// <exception cref="ArgumentException">The grid is too small or not a multiple of <see cref="GridMultiple"/> (the message names
    /// both), or a count is out of range.</exception>
    public static OssNetOptions ForGrid(
        VolumeShape grid,
        int inputChannels,
        int classes,
        OssNetVariant variant,
        int decoderWidth = 512,
        int decoderBlocks = 5,
        int encoderBaseChannels = 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(classes, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(decoderWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(decoderBlocks, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(encoderBaseChannels, 2); // the skip encoder halves each stage's channels
        if (!Enum.IsDefined(variant))
        {
            throw new ArgumentOutOfRangeException(nameof(variant), variant, "Unknown OSS-Net variant.");
        }

        var stages = EncoderStages(grid);
        var multiple = GridMultiple(grid);
        if (grid.X % multiple != 0 || grid.Y % multiple != 0 || grid.Z % multiple != 0)
        {
            throw new ArgumentException(
                $"The grid {grid} cannot be divided by the encoder: with {stages} encoder stages (the grid halved for the encoder input, then {stages} times) every extent must be a multiple of {multiple}. Pad or resample to a multiple of {multiple} (a multiple of {MaxGridMultiple} always fits).",
                nameof(grid));
        }

        var encoderInput = new VolumeShape(grid.X / 2, grid.Y / 2, grid.Z / 2);
        var latentShape = new VolumeShape(encoderInput.X >> stages, encoderInput.Y >> stages, encoderInput.Z >> stages);
        var skip = variant is OssNetVariant.C or OssNetVariant.D;
        var pooledShape = skip
            ? new VolumeShape(Math.Min(latentShape.X, MaxPooledLatentExtent), Math.Min(latentShape.Y, MaxPooledLatentExtent), Math.Min(latentShape.Z, MaxPooledLatentExtent))
            : latentShape;
        var options = new OssNetOptions
        {
            Name = string.Create(
                CultureInfo.InvariantCulture,
                $"{(variant == OssNetVariant.ONet ? "o_net" : "oss_net_" + variant)}_{grid.X}x{grid.Y}x{grid.Z}{(classes > 2 ? $"_{classes}_classes" : string.Empty)}"),
            InputChannels = inputChannels,
            Classes = classes,
            LatentFeatures = (int)pooledShape.VoxelCount,
            EncoderChannels = [.. Enumerable.Range(0, stages).Select(i => encoderBaseChannels << i)],
            EncoderInputShape = encoderInput,
            EncoderOutputShape = pooledShape,
            DecoderWidths = [.. Enumerable.Repeat(decoderWidth, decoderBlocks)],
            UseSmallPatches = variant != OssNetVariant.ONet,
            UseLargePatches = variant is OssNetVariant.B or OssNetVariant.D,
            UseSkipEncoder = skip,
            UseLowResolutionHead = skip,
            FullResolutionShape = grid,
        };
        options.Validate();
        return options;
    }
}
