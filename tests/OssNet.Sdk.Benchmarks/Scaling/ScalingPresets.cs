// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>The architectures of the sweep at a given full-resolution grid.</summary>
/// <remarks>
/// Occupancy models start from the BraTS presets (or <see cref="OssNetPresets.Tiny"/> for smoke runs) with
/// <c>EncoderInputShape</c> = grid / 2 and <c>FullResolutionShape</c> = grid. The skip encoder pools its stage outputs to
/// its last stage's size (the encoder input halved per stage, as the reference derives 8×8×5 for BraTS), so the latent
/// size L = (grid / 32)³ voxels changes with the grid: 8 at 64³, 64 at 128³, 320 at 256×256×160 (the paper's value).
/// U-Nets use <see cref="UNetPresets.BraTs3D"/>/<see cref="UNetPresets.BraTs2D"/> (or the tiny ones with 4 channels).
/// </remarks>
internal static class ScalingPresets
{
    public static OssNetOptions Occupancy(string model, VolumeShape grid, bool tiny)
    {
        var options = tiny ? OssNetPresets.Tiny : OssNetPresets.BraTs2020C;
        options.InputChannels = ScalingData.Channels;
        var (small, large, skip) = model switch
        {
            ScalingModel.ONet => (false, false, false),
            ScalingModel.OssNetA => (true, false, false),
            ScalingModel.OssNetB => (true, true, false),
            ScalingModel.OssNetC => (true, false, true),
            ScalingModel.OssNetD => (true, true, true),
            _ => throw new ArgumentException($"'{model}' is not an occupancy model.", nameof(model)),
        };
        options.Name = $"{model}@{GridSize.Format(grid)}";
        options.UseSmallPatches = small;
        options.UseLargePatches = large;
        options.UseSkipEncoder = skip;
        options.UseLowResolutionHead = skip;
        var stages = options.EncoderChannels.Count;
        var multiple = 1 << (stages + 1);
        if (grid.X % multiple != 0 || grid.Y % multiple != 0 || grid.Z % multiple != 0)
        {
            throw new ArgumentException(
                $"The grid {grid} must be a multiple of {multiple} along every axis: the encoder gets half of it and halves it {stages} times.",
                nameof(grid));
        }

        options.FullResolutionShape = grid;
        options.EncoderInputShape = new VolumeShape(grid.X / 2, grid.Y / 2, grid.Z / 2);
        options.EncoderOutputShape = null;
        options.LatentFeatures = (grid.X >> (stages + 1)) * (grid.Y >> (stages + 1)) * (grid.Z >> (stages + 1));
        options.Seed = 1;
        return options;
    }

    public static UNetOptions UNet(string model, bool tiny)
    {
        var options = model switch
        {
            ScalingModel.UNet3D => tiny ? UNetPresets.Tiny3D : UNetPresets.BraTs3D,
            ScalingModel.UNet2D => tiny ? UNetPresets.Tiny2D : UNetPresets.BraTs2D,
            _ => throw new ArgumentException($"'{model}' is not a U-Net.", nameof(model)),
        };
        options.InputChannels = ScalingData.Channels;
        options.Seed = 1;
        return options;
    }
}
