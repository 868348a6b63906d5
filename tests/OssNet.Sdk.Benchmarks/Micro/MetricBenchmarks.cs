// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using BenchmarkDotNet.Attributes;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>Metrics and border maps on full-size grids (formerly wall-clock "tests"): Dice/IoU/HD95/ASSD of two large
/// overlapping tumour-sized balls on the BraTS grid 256×256×160 (spacing 1×1×1.5 mm), and the border map of a liver-sized
/// ball on the LiTS grid 512³.</summary>
[MemoryDiagnoser]
public class MetricBenchmarks
{
    private LabelVolume _prediction = null!;
    private LabelVolume _reference = null!;
    private LabelVolume _liver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var brats = new VolumeShape(256, 256, 160);
        _prediction = Ball(brats, (120, 128, 80), 70, 1.5);
        _reference = Ball(brats, (128, 124, 78), 72, 1.5);
        _liver = Ball(new VolumeShape(512, 512, 512), (256, 256, 256), 150, 1);
    }

    [Benchmark(Description = "Dice, IoU, HD95, ASSD: r≈70 balls on 256×256×160")]
    public CaseMetrics SegmentationMetricsWithSurfaceDistances() => SegmentationMetrics.Compute(_prediction, _reference);

    [Benchmark(Description = "Border map of an r=150 ball on 512³")]
    public LabelVolume BorderMapLits() => BorderMap.Compute(_liver);

    private static LabelVolume Ball(VolumeShape shape, (double X, double Y, double Z) centre, double radius, double spacingZ)
    {
        var labels = new byte[shape.VoxelCount];
        var i = 0;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++, i++)
                {
                    var (dx, dy, dz) = (x - centre.X, y - centre.Y, z - centre.Z);
                    labels[i] = (dx * dx) + (dy * dy) + (dz * dz) <= radius * radius ? (byte)1 : (byte)0;
                }
            }
        }

        return new LabelVolume(VolumeGeometry.Create(shape, 1, 1, spacingZ), labels);
    }
}
