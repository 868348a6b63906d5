// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Segmentation;

[Trait("Category", "Integration")]
public sealed class OssNetEndToEndTests(ITestOutputHelper output)
{
    /// <summary>The mean dense Dice a Tiny OSS-Net must reach on two held-out phantoms after the fixed budget below
    /// (96 steps of 2 × 4096 points; about 1–2 minutes on 2 cores). An untrained or broken model scores about 0.</summary>
    private const double RequiredMeanDice = 0.5;

    private static readonly VolumeShape s_phantomShape = new(60, 60, 30);

    private static SyntheticPhantomOptions Phantoms(int seed) =>
        new() { Kind = PhantomKind.BrainTumour, Seed = seed, Shape = s_phantomShape };

    [Fact]
    public async Task TinyOssNet_TrainedOnPhantoms_SegmentsHeldOutCasesOnTheirOwnGrid()
    {
        // FLAIR and T2 only: the Tiny preset's two channels keep the patch mapping, the costliest layer on a CPU, small.
        var options = OssNetPresets.Tiny;
        options.Seed = 7;
        var preprocessing = new PreprocessingPipeline(
            new SelectChannels(0, 3), new ZScoreNormalization(), new PadOrCropToShape(options.FullResolutionShape));
        var training = new SyntheticPhantomSource(Phantoms(seed: 11), 8);
        var heldOut = new SyntheticPhantomSource(Phantoms(seed: 12345), 2);

        var clock = Stopwatch.StartNew();
        var model = OssNetModel.Create(options);
        using var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
        {
            Preprocessing = preprocessing,
            PointsPerVolume = 4096,
            BorderShare = 0.5,
            ValidationPointsPerVolume = 8192,
        });
        var trainer = new SegmentationTrainer(task, new TrainerOptions
        {
            Epochs = 24, BatchSize = 2, LearningRate = 2e-3, LearningRateMilestones = [20], ValidateEveryEpochs = 6, Seed = 3,
            Optimizer = OptimizerKind.Adam,
            CachePreparedCases = true,
        });
        var summary = await trainer.TrainAsync(training, heldOut, cancellationToken: TestContext.Current.CancellationToken);
        foreach (var epoch in summary.History)
        {
            output.WriteLine($"epoch {epoch.Epoch}: loss {epoch.MeanLoss:F3}, point Dice {epoch.ValidationDice:F3}");
        }

        output.WriteLine($"trained in {clock.Elapsed.TotalSeconds:F1} s; loss {summary.History[0].MeanLoss:F3} → {summary.FinalLoss:F3}; point Dice {summary.BestValidationDice:F3}");

        // The segmenter gets the trained weights through a file, as an app would.
        var weights = Path.Combine(Path.GetTempPath(), $"ossnet-tiny-{Guid.NewGuid():N}.dat");
        try
        {
            model.SaveWeights(weights);
            var fresh = OssNetModel.Create(options);
            fresh.LoadWeights(weights);
            using var segmenter = new OssNetSegmenter(fresh, new OssNetSegmenterOptions { Preprocessing = preprocessing });
            var dice = new List<double>();
            foreach (var id in heldOut.CaseIds)
            {
                var volumeCase = await heldOut.LoadAsync(id, TestContext.Current.CancellationToken);
                var result = await segmenter.SegmentAsync(volumeCase, cancellationToken: TestContext.Current.CancellationToken);

                Assert.Equal(volumeCase.Image.Geometry.Shape, result.Mask.Shape);
                Assert.Same(volumeCase.Image.Geometry.Affine, result.Mask.Geometry.Affine);
                var metrics = SegmentationMetrics.Compute(result.Mask, volumeCase.Label!.ToBinary());
                output.WriteLine($"{id}: dense Dice {metrics.Dice:F3}, HD95 {metrics.HausdorffDistance95:F1} mm, queried {result.Statistics.QueriedFraction:P1} of the grid");
                dice.Add(metrics.Dice);
                Assert.True(result.Statistics.QueriedFraction < 0.5, $"queried {result.Statistics.QueriedFraction:P1}");
            }

            Assert.True(dice.Average() >= RequiredMeanDice, $"mean Dice {dice.Average():F3} < {RequiredMeanDice}");
        }
        finally
        {
            File.Delete(weights);
        }
    }
}
