// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using OssNet.Sdk.TorchSharp.Patches;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>Gathering the patches of 16384 random points from a 4×256×256×160 volume (BraTS after padding): 7³ patches
/// (A, C) and 7³ + pooled 14³ patches (B, D); and building the extractor (the padded copies) once per volume.</summary>
public class PatchGatherBenchmarks
{
    private const int Points = 16384;
    private Tensor _volume = null!;
    private Tensor _points = null!;
    private PatchExtractor _small = null!;
    private PatchExtractor _smallAndLarge = null!;

    [GlobalSetup]
    public void Setup()
    {
        var generator = new torch.Generator(23);
        _volume = torch.randn([4, 256, 256, 160], generator: generator);
        _points = torch.stack(
            [
                torch.randint(256, [Points], generator: generator),
                torch.randint(256, [Points], generator: generator),
                torch.randint(160, [Points], generator: generator),
            ],
            dim: 1);
        _small = new PatchExtractor(_volume, smallPatches: true, largePatches: false);
        _smallAndLarge = new PatchExtractor(_volume, smallPatches: true, largePatches: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _small.Dispose();
        _smallAndLarge.Dispose();
        _volume.Dispose();
        _points.Dispose();
    }

    [Benchmark(Description = "Gather 16384 × 7³ patches (4 ch)")]
    public void GatherSmall()
    {
        using var patches = _small.Gather(_points);
    }

    [Benchmark(Description = "Gather 16384 × (7³ + pooled 14³) patches (8 ch)")]
    public void GatherSmallAndLarge()
    {
        using var patches = _smallAndLarge.Gather(_points);
    }

    [Benchmark(Description = "Build extractor, 7³ (pad 4×256×256×160)")]
    public void BuildSmall()
    {
        using var extractor = new PatchExtractor(_volume, smallPatches: true, largePatches: false);
    }
}
