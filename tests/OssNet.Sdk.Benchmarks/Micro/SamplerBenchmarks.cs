// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>Drawing 16384 training points (with their labels) from a BraTS-sized tumour phantom's label (256×256×160
/// after padding): uniform, and border-focused with half of the points from the border band (the LiTS setting).</summary>
[MemoryDiagnoser]
public class SamplerBenchmarks
{
    private readonly UniformPointSampler _uniform = new(new PointSamplerOptions { PointCount = 16384 });
    private readonly BorderFocusedPointSampler _border = new(new BorderFocusedPointSamplerOptions { PointCount = 16384, BorderShare = 0.5 });
    private PointSamplingContext _context = null!;
    private LabelVolume _label = null!;
    private Random _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Seed = 3, Shape = new VolumeShape(240, 240, 155) });
        _label = new PadOrCropToShape(Preprocessing.BraTs2020PaddedShape).Apply(phantom).Case.Label!.ToBinary();
        var border = PointSamplingContext.IndicesOfNonZero(BorderMap.Compute(_label));
        _context = new PointSamplingContext(_label.Shape, _label, border);
        _random = new Random(5);
    }

    [Benchmark(Description = "Uniform, 16384 points")]
    public PointSet Uniform() => _uniform.Sample(_context, _random);

    [Benchmark(Description = "Border-focused (0.5), 16384 points")]
    public PointSet BorderFocused() => _border.Sample(_context, _random);

    [Benchmark(Description = "Border map of the label (once per case)")]
    public LabelVolume BorderMapOnce() => BorderMap.Compute(_label);
}
