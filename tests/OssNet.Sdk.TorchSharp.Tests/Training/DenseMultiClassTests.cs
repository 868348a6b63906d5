// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>The U-Nets with N classes: label mapping, training, per-class validation and the segmenter's label maps.</summary>
public sealed class DenseMultiClassTests(ITestOutputHelper output)
{
    [Fact]
    public void Task_LabelSetWithOtherClassCountThanTheModel_ThrowsNamingBoth()
    {
        var model = ResidualUNet.Create(UNetPresets.Tiny3D);
        try
        {
            var ex = Assert.Throws<ArgumentException>(() => new DenseTrainingTask(model, Options()));

            Assert.Contains("Labels has 3 classes (0 background, 3 outer, 7 inner)", ex.Message, StringComparison.Ordinal);
            Assert.Contains("model 'tiny_3d' segments 2", ex.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => new UNetSegmenter(ResidualUNet.Create(UNetPresets.Tiny3D), Options()));
        }
        finally
        {
            model.Dispose();
        }
    }

    [Fact]
    public void Prepare_LabelValueNotInTheSet_ThrowsNamingTheCase()
    {
        using var task = new DenseTrainingTask(ResidualUNet.Create(Model(UNetKind.Volumetric3D)), Options());
        var volumeCase = NestedEllipsoids.Case("odd", seed: 1);
        volumeCase.Label![0, 0, 0] = 5;

        var ex = Assert.Throws<InvalidVolumeException>(() => task.Prepare(volumeCase));

        Assert.Contains("odd", ex.Message, StringComparison.Ordinal);
        Assert.Contains("label value 5", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UNetKind.Volumetric3D)]
    [InlineData(UNetKind.SliceWise2D)]
    public async Task ForGridUNet_ThreeClassPhantom_TrainsToPerClassDiceAndWritesLabelValues(UNetKind kind)
    {
        var cancellation = TestContext.Current.CancellationToken;
        var dense = Options();
        dense.SlicesPerVolume = 8;
        dense.Augment = false;
        var heldOut = NestedEllipsoids.Source(1, seed: 9);
        using var task = new DenseTrainingTask(ResidualUNet.Create(Model(kind)), dense);
        var summary = await new SegmentationTrainer(task, new TrainerOptions
        {
            // The decay lets the weights settle so the batch norms' running statistics (used in eval mode) catch up with them.
            Epochs = 24, BatchSize = 2, LearningRate = 1e-2, LearningRateMilestones = [16], LearningRateDecay = 0.1,
            Optimizer = OptimizerKind.Adam, ValidateEveryEpochs = 12, Seed = 3, CachePreparedCases = true,
        }).TrainAsync(NestedEllipsoids.Source(4, seed: 8), heldOut, cancellationToken: cancellation);

        var validated = summary.History[^1];
        output.WriteLine($"{kind}: loss {summary.History[0].MeanLoss:F3} → {summary.FinalLoss:F3}, Dice {validated.ValidationDice:F3} per class [{string.Join(", ", validated.ValidationDicePerClass!.Select(d => d.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}]");
        Assert.Equal(2, validated.ValidationDicePerClass!.Count);
        Assert.Equal(validated.ValidationDicePerClass.Average(), validated.ValidationDice!.Value, 1e-9);
        Assert.Null(summary.History[0].ValidationDicePerClass);

        var weights = Path.Combine(Path.GetTempPath(), $"ossnet-unet-multiclass-{Guid.NewGuid():N}.dat");
        try
        {
            ((ResidualUNet)task.Model).SaveWeights(weights);
            var fresh = ResidualUNet.Create(Model(kind));
            fresh.LoadWeights(weights);
            using var segmenter = new UNetSegmenter(fresh, dense);
            var volumeCase = await heldOut.LoadAsync(heldOut.CaseIds[0], cancellation);
            var result = await segmenter.SegmentAsync(volumeCase, new SegmentationRequest { IncludeProbabilities = true }, cancellation);

            Assert.Same(dense.Labels, result.Labels);
            Assert.Subset(new HashSet<byte> { 0, 3, 7 }, result.Mask.Labels.ToArray().ToHashSet());
            var probabilities = result.Probabilities!.Voxels.ToArray();
            var mask = result.Mask.Labels.ToArray();
            Assert.All(Enumerable.Range(0, mask.Length), i => Assert.Equal(probabilities[i] > 0.5f, mask[i] != 0));

            var metrics = SegmentationMetrics.ComputePerClass(result.Mask, volumeCase.Label!, result.Labels);
            output.WriteLine($"{kind} held-out: outer {metrics.Classes[0].Metrics.Dice:F3}, inner {metrics.Classes[1].Metrics.Dice:F3}");
            Assert.All(metrics.Classes, c => Assert.True(c.Metrics.Dice >= 0.75, $"{c.Name}: Dice {c.Metrics.Dice:F3} < 0.75"));
        }
        finally
        {
            File.Delete(weights);
        }
    }

    [Fact]
    public void Segmenter_ThresholdTakesEffectOnNClassModels()
    {
        using var segmenter = new UNetSegmenter(ResidualUNet.Create(Model(UNetKind.Volumetric3D)), Options());
        var volumeCase = NestedEllipsoids.Case("t", seed: 4);

        var everything = segmenter.Segment(volumeCase, new SegmentationRequest { ThresholdProbability = -1 }, TestContext.Current.CancellationToken);
        var nothing = segmenter.Segment(volumeCase, new SegmentationRequest { ThresholdProbability = 1 }, TestContext.Current.CancellationToken);

        Assert.DoesNotContain((byte)0, everything.Mask.Labels.ToArray());
        Assert.All(nothing.Mask.Labels.ToArray(), v => Assert.Equal(0, v));
    }

    [Theory]
    [InlineData(UNetKind.Volumetric3D)]
    [InlineData(UNetKind.SliceWise2D)]
    public void SegmentAndEvaluate_NClasses_LeakNoTensors(UNetKind kind)
    {
        using var segmenter = new UNetSegmenter(ResidualUNet.Create(Model(kind)), Options());
        using var task = new DenseTrainingTask(ResidualUNet.Create(Model(kind)), Options());
        var volumeCase = NestedEllipsoids.Case("leak", seed: 5);
        using var prepared = task.Prepare(volumeCase);
        task.Model.eval();
        var context = new StepContext(1, 1, new Random(1), new torch.Generator(1));

        TensorLeakGuard.AssertNoLeaks(() => segmenter.Segment(volumeCase, new SegmentationRequest { IncludeProbabilities = true }));
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var noGrad = torch.no_grad();
            Assert.Equal(2, task.Evaluate(prepared, context).DicePerClass!.Count);
        });
    }

    [Fact]
    public void MajorityPool_HalvesTheClassMapByMajority_TiesToTheLowerClass()
    {
        using var scope = torch.NewDisposeScope();
        var map = torch.zeros([1, 4, 2, 2], dtype: torch.int64);
        map[0, 0..2] = torch.tensor(new long[] { 2, 2, 2, 1, 2, 2, 2, 1 }).reshape(2, 2, 2);   // block 0: six 2s, two 1s
        map[0, 2..4] = torch.tensor(new long[] { 1, 1, 1, 1, 2, 2, 2, 2 }).reshape(2, 2, 2);   // block 1: a 4–4 tie

        var pooled = DenseTrainingTask.MajorityPool(map, classes: 3);

        Assert.Equal(new long[] { 1, 2, 1, 1 }, pooled.shape);
        Assert.Equal(new long[] { 2, 1 }, pooled.flatten().data<long>().ToArray());
    }

    [Fact]
    public void Segmenter_DownscaleTwo_WritesTheOriginalGridWithTheSetsValues()
    {
        var options = Options();
        options.Downscale = 2;
        var model = UNetPresets.Tiny3D;      // the 12×12×8 working grid is too small for ForGrid; the tiny preset pads it
        model.Classes = 3;
        using var segmenter = new UNetSegmenter(ResidualUNet.Create(model), options);
        var volumeCase = NestedEllipsoids.Case("d", seed: 6);

        var result = segmenter.Segment(volumeCase, new SegmentationRequest { ThresholdProbability = 0.01 }, TestContext.Current.CancellationToken);

        Assert.Equal(NestedEllipsoids.Shape, result.Mask.Shape);
        Assert.Subset(new HashSet<byte> { 0, 3, 7 }, result.Mask.Labels.ToArray().ToHashSet());
        Assert.NotEqual(0, result.Mask.Labels.ToArray().Count(v => v != 0));
    }

    private static UNetOptions Model(UNetKind kind)
    {
        var options = UNetOptions.ForGrid(NestedEllipsoids.Shape, inputChannels: 1, classes: 3, kind, baseChannels: kind == UNetKind.Volumetric3D ? 4 : 8);
        options.Seed = 5;
        return options;
    }

    private static DenseTrainingOptions Options() => new()
    {
        Preprocessing = new PreprocessingPipeline(new ZScoreNormalization()),
        Labels = NestedEllipsoids.Labels,
    };
}
