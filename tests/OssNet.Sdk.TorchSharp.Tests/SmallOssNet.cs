// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests;

/// <summary>OSS-Net D in miniature on a 32×32×16 grid, and a labelled cube for it: every part of the model, milliseconds per call.</summary>
internal static class SmallOssNet
{
    /// <summary>The model's full-resolution grid.</summary>
    public static VolumeShape Grid { get; } = new(32, 32, 16);

    /// <summary>One channel; both patch sizes, skip encoder and encoder head; seeded.</summary>
    public static OssNetOptions Options() => new()
    {
        Name = "small-d",
        InputChannels = 1,
        LatentFeatures = 32,
        EncoderChannels = [2, 4],
        EncoderInputShape = new VolumeShape(16, 16, 8),
        DecoderWidths = [16, 16],
        UseSmallPatches = true,
        UseLargePatches = true,
        UseSkipEncoder = true,
        UseLowResolutionHead = true,
        FullResolutionShape = Grid,
        Seed = 7,
    };

    /// <summary>A one-channel case on <see cref="Grid"/>: a noisy bright cube (16×16×8 voxels in the middle), labelled.</summary>
    public static VolumeCase Cube(string id = "cube", int seed = 3)
    {
        var geometry = VolumeGeometry.Create(Grid);
        var random = new Random(seed);
        var image = new float[Grid.VoxelCount];
        var labels = new byte[Grid.VoxelCount];
        for (var i = 0; i < image.Length; i++)
        {
            var (x, y, z) = (i / (Grid.Y * Grid.Z), i / Grid.Z % Grid.Y, i % Grid.Z); // the SDK layout: z fastest
            var inside = x is >= 8 and < 24 && y is >= 8 and < 24 && z is >= 4 and < 12;
            labels[i] = inside ? (byte)1 : (byte)0;
            image[i] = (inside ? 5f : 1f) + (float)random.NextDouble();
        }

        return new VolumeCase(id, new Volume(geometry, 1, image), new LabelVolume(geometry, labels));
    }
}
