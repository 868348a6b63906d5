// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Planning;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.RealData;

/// <summary>
/// OSS-Net C trained on one real brain, the way <c>ossnet train</c> does it (plan, model sized to the plan, polynomial schedule,
/// time budget): the same subject resampled to 2×2×3 mm and stored LSA (coronal slices) segments as the original does; a
/// three-tissue model learns its brain. Minutes each on 2 cores (Slow); they fetch the scans or skip (<see cref="RealScans"/>).
/// </summary>
public sealed class RealScanSegmentationTests(ITestOutputHelper output)
{
    [Fact]
    [Trait("Category", "Slow")]
    public async Task ResampledAndReorientedSubject_SegmentsWithinDice002OfTheOriginal()
    {
        var ct = TestContext.Current.CancellationToken;
        await RealScans.EnsureAsync(ct);
        var source = new FileListVolumeSource("colin27", [new VolumeFileCase("ch2", [RealScans.Colin27T1], RealScans.Colin27Brain)]);
        var plan = await DatasetPlanner.PlanAsync(source, cancellationToken: ct);
        using var segmenter = await TrainAsync(source, plan, TimeSpan.FromMinutes(4), ct);
        var original = await source.LoadAsync("ch2", ct);
        var reference = plan.Labels!.ToLabelValues(plan.Labels.ToClassIndices(original.Label!));

        var asIs = await segmenter.SegmentAsync(original with { Label = null }, cancellationToken: ct);
        var coronal = Coronal2x2x3(original with { Label = reference });
        var reoriented = await segmenter.SegmentAsync(coronal with { Label = null }, cancellationToken: ct);

        // Both predictions are scored on the coronal 2×2×3 mm grid, so the comparison isolates what orientation and spacing do
        // to the model from what a coarser grid does to Dice.
        var asIsOnCoronal = Coronal2x2x3(original with { Label = asIs.Mask }).Label!;
        var diceOriginal = SegmentationMetrics.Compute(asIs.Mask, reference, includeSurfaceDistances: false).Dice;
        var diceAsIs = SegmentationMetrics.Compute(asIsOnCoronal, coronal.Label!, includeSurfaceDistances: false).Dice;
        var diceReoriented = SegmentationMetrics.Compute(reoriented.Mask, coronal.Label!, includeSurfaceDistances: false).Dice;
        output.WriteLine($"Dice: original grid {diceOriginal:F4}; on the coronal 2×2×3 mm grid: original scan {diceAsIs:F4}, reoriented scan {diceReoriented:F4}");

        Assert.Equal("LSA", coronal.Image.Geometry.OrientationCode);
        Assert.Equal(coronal.Image.Shape, reoriented.Mask.Shape);
        Assert.True(diceOriginal > 0.8, $"the model did not learn the brain (Dice {diceOriginal:F3})");
        Assert.True(Math.Abs(diceAsIs - diceReoriented) <= 0.02, $"Dice {diceAsIs:F4} (as stored) vs {diceReoriented:F4} (reoriented, 2×2×3 mm)");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task ThreeTissueClasses_LearnedFromOneRealBrain_AreEachFound()
    {
        var ct = TestContext.Current.CancellationToken;
        await RealScans.EnsureAsync(ct);
        var source = await MsdVolumeSource.OpenAsync(RealScans.KmeansTissues, cancellationToken: ct);
        var plan = await DatasetPlanner.PlanAsync(source, cancellationToken: ct);
        Assert.Equal(["background", "CSF", "grey matter", "white matter"], plan.Labels!.Labels.Select(l => l.Name));
        using var segmenter = await TrainAsync(source, plan, TimeSpan.FromMinutes(8), ct);
        var brain = await source.LoadAsync(source.CaseIds[0], ct);

        var result = await segmenter.SegmentAsync(brain with { Label = null }, cancellationToken: ct);
        var metrics = SegmentationMetrics.ComputePerClass(result.Mask, brain.Label!, plan.Labels, includeSurfaceDistances: false);
        output.WriteLine(string.Join(", ", metrics.Classes.Select(c => $"{c.Name} {c.Metrics.Dice:F3}")));

        // Measured after 6 minutes of the CLI's defaults: CSF 0.35, grey matter 0.68, white matter 0.76 (docs/guides/real-data.md).
        // The floors catch a broken multi-class path (a lost or swapped class scores near 0); the goal of 0.8 per class is not
        // reached yet.
        Assert.All(metrics.Classes, c => Assert.True(c.Metrics.Dice >= (c.Name == "CSF" ? 0.25 : 0.6), $"{c.Name}: Dice {c.Metrics.Dice:F3}"));
    }

    private async Task<OssNetSegmenter> TrainAsync(IVolumeSource source, DatasetPlan plan, TimeSpan budget, CancellationToken ct)
    {
        var labels = plan.Labels!;
        var architecture = OssNetOptions.ForGrid(plan.GridShape, plan.ChannelCount, labels.Count, OssNetVariant.C, decoderWidth: 128);
        architecture.Seed = 5;
        var model = OssNetModel.Create(architecture);
        using (var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
        {
            Preprocessing = plan.CreatePipeline(),
            Labels = labels,
            PointsPerVolume = 16384,
            BorderShare = 0.5,
        }))
        {
            var summary = await new SegmentationTrainer(task, new TrainerOptions
            {
                Epochs = 100_000,
                BatchSize = 1,
                LearningRate = 1e-3,
                Optimizer = OptimizerKind.Adam,
                Schedule = LearningRateSchedule.Polynomial,
                TimeBudget = budget,
                Seed = 5,
                CachePreparedCases = true,
            }).TrainAsync(source, cancellationToken: ct);
            output.WriteLine($"{summary.EpochsCompleted} epochs in {summary.Elapsed.TotalMinutes:F1} min, final loss {summary.FinalLoss:F4}");
            var trained = OssNetModel.Create(architecture);
            trained.load_state_dict(model.state_dict());
            return new OssNetSegmenter(trained, new OssNetSegmenterOptions { Preprocessing = plan.CreatePipeline(), Labels = labels });
        }
    }

    /// <summary>The case resampled to 2×2×3 mm and stored LSA: voxel i runs right→left, j inferior→superior, k posterior→anterior.</summary>
    private static VolumeCase Coronal2x2x3(VolumeCase rasCase)
    {
        var resampled = new ResampleToSpacing((2, 2, 3)).Apply(rasCase).Case;
        var geometry = resampled.Image.Geometry;
        var (x, y, z) = (geometry.Shape.X, geometry.Shape.Y, geometry.Shape.Z);
        var shape = new VolumeShape(x, z, y);
        var a = geometry.Affine;
        var origin = a.Transform(x - 1, 0, 0);
        var affine = AffineMatrix.FromRows(
        [
            -a[0, 0], a[0, 2], a[0, 1], origin.X,
            -a[1, 0], a[1, 2], a[1, 1], origin.Y,
            -a[2, 0], a[2, 2], a[2, 1], origin.Z,
        ]);
        var lsa = new VolumeGeometry(shape, (geometry.Spacing.X, geometry.Spacing.Z, geometry.Spacing.Y), affine);
        long SourceIndex(int i, int j, int k) => geometry.Shape.IndexOf(x - 1 - i, k, j);

        var channels = resampled.Image.Channels;
        var voxels = new float[channels * shape.VoxelCount];
        var source = resampled.Image.Voxels.Span;
        for (var c = 0; c < channels; c++)
        {
            for (var i = 0; i < x; i++)
            {
                for (var j = 0; j < z; j++)
                {
                    for (var k = 0; k < y; k++)
                    {
                        voxels[(c * shape.VoxelCount) + shape.IndexOf(i, j, k)] = source[(int)((c * geometry.Shape.VoxelCount) + SourceIndex(i, j, k))];
                    }
                }
            }
        }

        LabelVolume? label = null;
        if (resampled.Label is { } labels)
        {
            var values = new byte[shape.VoxelCount];
            var span = labels.Labels.Span;
            for (var i = 0; i < x; i++)
            {
                for (var j = 0; j < z; j++)
                {
                    for (var k = 0; k < y; k++)
                    {
                        values[shape.IndexOf(i, j, k)] = span[(int)SourceIndex(i, j, k)];
                    }
                }
            }

            label = new LabelVolume(lsa, values);
        }

        return new VolumeCase(rasCase.Id + "-lsa", new Volume(lsa, channels, voxels), label);
    }
}
