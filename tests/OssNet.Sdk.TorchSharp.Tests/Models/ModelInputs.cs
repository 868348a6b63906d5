// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary>Seeded random inputs of the right shapes for a model (volumes, coordinates, patches, labels).</summary>
internal sealed class ModelInputs : IDisposable
{
    public ModelInputs(OssNetOptions options, long batch, long points, ulong seed)
    {
        var generator = new torch.Generator(seed);
        var shape = options.EncoderInputShape;
        var full = options.FullResolutionShape;
        Volumes = torch.randn([batch, options.InputChannels, shape.X, shape.Y, shape.Z], generator: generator);
        using var scale = torch.tensor(new float[] { full.X, full.Y, full.Z });
        using var unit = torch.rand([batch, points, 3], generator: generator);
        Coordinates = unit.mul(scale).floor_();
        Patches = options.PatchChannels > 0
            ? torch.randn([batch, points, options.PatchChannels, 7, 7, 7], generator: generator)
            : null;
        Labels = torch.rand([batch, points, 1], generator: generator).gt(0.5).to(ScalarType.Float32);
    }

    public Tensor Volumes { get; }

    public Tensor Coordinates { get; }

    public Tensor? Patches { get; }

    public Tensor Labels { get; }

    public void Dispose()
    {
        Volumes.Dispose();
        Coordinates.Dispose();
        Patches?.Dispose();
        Labels.Dispose();
    }
}

/// <summary>Tiny variants of every model family.</summary>
internal static class TinyFamilies
{
    public static OssNetOptions Create(string family)
    {
        var options = OssNetPresets.Tiny;
        options.Seed = 1234;
        (options.UseSmallPatches, options.UseLargePatches, options.UseSkipEncoder, options.UseLowResolutionHead, options.UseFourierFeatures) = family switch
        {
            "o-net" => (false, false, false, false, false),
            "A" => (true, false, false, false, false),
            "B" => (true, true, false, false, false),
            "C" => (true, false, true, true, false),
            "D" => (true, true, true, true, false),
            "D-fourier" => (true, true, true, true, true),
            "C-no-head" => (true, false, true, false, false),
            _ => throw new ArgumentException(family, nameof(family)),
        };
        options.Name = "tiny_" + family;
        return options;
    }

    public static TheoryData<string> All => new() { "o-net", "A", "B", "C", "D", "D-fourier", "C-no-head" };
}
