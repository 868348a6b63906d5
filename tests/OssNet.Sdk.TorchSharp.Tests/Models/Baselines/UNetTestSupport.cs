// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

/// <summary>Options variants, inputs and state-dict listings shared by the U-Net tests.</summary>
internal static class UNetTestSupport
{
    /// <summary>Names of the architecture variants the shape and gradient theories run over.</summary>
    internal static readonly string[] Variants = ["tiny", "interpolation", "average_pooling", "single_level", "wide_multiplier", "multi_channel"];

    /// <summary>A tiny preset of <paramref name="rank"/>, changed as <paramref name="variant"/> says, seeded.</summary>
    internal static UNetOptions Options(int rank, string variant, int seed = 7)
    {
        var options = rank == 3 ? UNetPresets.Tiny3D : UNetPresets.Tiny2D;
        options.Seed = seed;
        switch (variant)
        {
            case "tiny":
                break;
            case "interpolation":
                options.UseTransposedConvolution = false;
                break;
            case "average_pooling":
                options.Pooling = UNetPooling.Average;
                break;
            case "single_level":
                options.Depth = 1;
                break;
            case "wide_multiplier":
                options.ChannelMultiplier = 3;
                options.Depth = 2;
                break;
            case "multi_channel":
                options.InputChannels = 4;
                options.Classes = 3;
                options.Dropout = 0.1;
                break;
            default:
                throw new ArgumentException($"Unknown variant '{variant}'.", nameof(variant));
        }

        return options;
    }

    /// <summary>Standard-normal values of <paramref name="shape"/> from a seeded generator.</summary>
    internal static Tensor RandomInput(long[] shape, ulong seed) => torch.randn(shape, generator: new torch.Generator(seed));

    /// <summary>Lines <c>key\t[shape]\trequires_grad</c> of the state dict, in order.</summary>
    internal static string[] StateDictionaryLines(nn.Module module) =>
        StateDictionaryOrder.Enumerate(module)
            .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key}\t[{string.Join(", ", e.Tensor.shape)}]\t{(e.Tensor.requires_grad ? 1 : 0)}"))
            .ToArray();

    /// <summary>Whether two tensors have the same shape and the same values element by element.</summary>
    internal static bool Identical(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
        {
            return false;
        }

        using var equal = a.eq(b);
        using var all = equal.all();
        return all.item<bool>();
    }

    /// <summary>A fresh directory under the temp path; delete it when done.</summary>
    internal static string NewTemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "ossnet-unet-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
