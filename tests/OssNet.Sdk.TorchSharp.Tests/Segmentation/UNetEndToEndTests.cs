// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Segmentation;

/// <summary>The dense baselines go through the same trainer and <c>ISegmenter</c> API as OSS-Net.</summary>
[Trait("Category", "Integration")]
public sealed class UNetEndToEndTests(ITestOutputHelper output)
{
    private static readonly VolumeShape s_shape = new(30, 30, 18);

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    public async Task TinyUNet_TrainsAndSegmentsOnTheOriginalGrid(int dimensions)
    {
        var unet = dimensions == 3 ? UNetPresets.Tiny3D : UNetPresets.Tiny2D;
        unet.InputChannels = 2;
        unet.Seed = 5;
        var preprocessing = new PreprocessingPipeline(new SelectChannels(0, 3), new ZScoreNormalization(), new PadOrCropToShape(new VolumeShape(32, 32, 20)));
        var dense = new DenseTrainingOptions { Preprocessing = preprocessing, PatchShape = (16, 16, 16), SlicesPerVolume = 8 };
        var training = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 21, Shape = s_shape }, 4);
        var heldOut = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 22, Shape = s_shape }, 1);

        using var task = new DenseTrainingTask(ResidualUNet.Create(unet), dense);
        var summary = await new SegmentationTrainer(task, new TrainerOptions
        {
            Epochs = 6, BatchSize = 2, LearningRate = 1e-2, Optimizer = OptimizerKind.Adam, ValidateEveryEpochs = 3, Seed = 1, CachePreparedCases = true,
        }).TrainAsync(training, heldOut, cancellationToken: TestContext.Current.CancellationToken);
        output.WriteLine($"{dimensions}D: loss {summary.History[0].MeanLoss:F3} → {summary.FinalLoss:F3}, validation Dice {summary.BestValidationDice:F3}");

        Assert.True(summary.FinalLoss < summary.History[0].MeanLoss, "the loss did not fall");
        Assert.NotNull(summary.BestValidationDice);

        var weights = Path.Combine(Path.GetTempPath(), $"ossnet-unet-{Guid.NewGuid():N}.dat");
        try
        {
            ((ResidualUNet)task.Model).SaveWeights(weights);
            var fresh = ResidualUNet.Create(unet);
            fresh.LoadWeights(weights);
            using var segmenter = new UNetSegmenter(fresh, dense);
            var volumeCase = await heldOut.LoadAsync(heldOut.CaseIds[0], TestContext.Current.CancellationToken);
            var result = await segmenter.SegmentAsync(volumeCase, new() { IncludeProbabilities = true }, TestContext.Current.CancellationToken);

            Assert.Equal(volumeCase.Image.Shape, result.Mask.Shape);
            Assert.Same(volumeCase.Image.Geometry.Affine, result.Mask.Geometry.Affine);
            Assert.Equal(volumeCase.Image.Shape, result.Probabilities!.Shape);
            Assert.Equal(result.Statistics.DenseGridPoints, result.Statistics.PointsQueried);
        }
        finally
        {
            File.Delete(weights);
        }
    }
}
