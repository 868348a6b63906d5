// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>Architectures small enough that building and running them costs milliseconds.</summary>
internal static class TestArchitectures
{
    /// <summary>One channel, plain encoder (16×16×8 in, two stages, L = 4·4·2 = 32), no patches, grid 32×32×16.</summary>
    public static OssNetOptions Small => new()
    {
        Name = "di-small",
        InputChannels = 1,
        LatentFeatures = 32,
        EncoderChannels = [2, 4],
        EncoderInputShape = new VolumeShape(16, 16, 8),
        DecoderWidths = [16, 16],
        UseSmallPatches = false,
        FullResolutionShape = new VolumeShape(32, 32, 16),
        Seed = 7,
    };

    /// <summary>A one-channel volume of <paramref name="shape"/> with a bright cube in the middle.</summary>
    public static VolumeCase Case(VolumeShape shape)
    {
        var volume = Volume.Zeros(VolumeGeometry.Create(shape));
        for (var x = shape.X / 4; x < 3 * shape.X / 4; x++)
        {
            for (var y = shape.Y / 4; y < 3 * shape.Y / 4; y++)
            {
                for (var z = shape.Z / 4; z < 3 * shape.Z / 4; z++)
                {
                    volume[0, x, y, z] = 1;
                }
            }
        }

        return new VolumeCase("cube", volume);
    }
}
