// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>Multi-class occupancy training: label mapping, class checks, per-class validation, no leaks.</summary>
public sealed class OccupancyMultiClassTrainingTests
{
    private static readonly VolumeShape s_grid = new(32, 32, 32);

    internal static OssNetOptions SmallThreeClassModel(OssNetVariant variant = OssNetVariant.C)
    {
        var options = OssNetOptions.ForGrid(s_grid, inputChannels: 1, classes: 3, variant, decoderWidth: 32, decoderBlocks: 3, encoderBaseChannels: 4);
        options.Seed = 11;
        return options;
    }

    internal static OccupancyTrainingOptions TrainingOptions(LabelSet labels) => new()
    {
        Preprocessing = new PadOrCropToShape(s_grid),
        Labels = labels,
        PointsPerVolume = 2048,
        BorderShare = 0.5,
        ValidationPointsPerVolume = 8192,
    };

    [Fact]
    public void Create_ModelClassesDifferFromLabels_NamesBoth()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OccupancyTrainingTask(OssNetModel.Create(SmallThreeClassModel()), TrainingOptions(LabelSet.Binary())));
        Assert.Contains("has 3 classes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Labels has 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoLabels_NamesTheOption()
    {
        var options = TrainingOptions(NestedEllipsoids.Labels);
        options.Labels = null!;
        Assert.Equal("Labels", Assert.Throws<ArgumentException>(options.Validate).ParamName);
    }

    [Fact]
    public void Prepare_LabelValueOutsideTheSet_NamesTheCase()
    {
        using var task = new OccupancyTrainingTask(OssNetModel.Create(SmallThreeClassModel()), TrainingOptions(NestedEllipsoids.Labels));
        var volumeCase = NestedEllipsoids.Create(s_grid, 1, "odd-case");
        var labels = volumeCase.Label!.Labels.ToArray();
        labels[0] = 5;
        var odd = volumeCase with { Label = new LabelVolume(volumeCase.Label.Geometry, labels) };

        var ex = Assert.Throws<InvalidVolumeException>(() => task.Prepare(odd));
        Assert.Contains("odd-case", ex.Message, StringComparison.Ordinal);
        Assert.Contains("label value 5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TrainAsync_ThreeClasses_ReportsDicePerForegroundClassAndLeavesNoTensors()
    {
        using var task = new OccupancyTrainingTask(OssNetModel.Create(SmallThreeClassModel(OssNetVariant.D)), TrainingOptions(NestedEllipsoids.Labels));
        var trainer = new SegmentationTrainer(task, new TrainerOptions { Epochs = 1, BatchSize = 2, Seed = 1, ValidateEveryEpochs = 1, Optimizer = OptimizerKind.Adam });
        var source = NestedEllipsoids.Source(s_grid, 2, seed: 40);
        await trainer.TrainAsync(source, source, cancellationToken: TestContext.Current.CancellationToken); // warm up
        var before = TensorLeakGuard.LiveTensors;

        var summary = await trainer.TrainAsync(source, source, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(before, TensorLeakGuard.LiveTensors);
        var epoch = summary.History[^1];
        Assert.NotNull(epoch.ValidationDicePerClass);
        Assert.Equal(2, epoch.ValidationDicePerClass.Count);
        Assert.Equal(epoch.ValidationDicePerClass.Average(), epoch.ValidationDice!.Value, 9);
        Assert.True(double.IsFinite(epoch.MeanLoss) && epoch.MeanLoss > 0);
    }
}
