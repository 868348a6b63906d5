// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Training;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>Runs alone: dropout draws from TorchSharp's global generator, which tests running in parallel would also draw from.</summary>
[CollectionDefinition(nameof(GlobalGeneratorUsers), DisableParallelization = true)]
public sealed class GlobalGeneratorUsers;

/// <summary><see cref="TrainerOptions.Seed"/> seeds dropout, which cannot be given a generator.</summary>
[Collection(nameof(GlobalGeneratorUsers))]
public sealed class DropoutSeedingTests
{
    [Fact]
    public async Task Seed_SeedsDropout_WhateverTheGlobalGeneratorDidBefore()
    {
        var first = await SegmentationTrainerTests.TrainedWeightsAsync(o => o.Seed = 5, dropout: 0.5);
        using (torch.randn(16))
        {
            // Other code in the process draws from the global generator between the runs.
        }

        var second = await SegmentationTrainerTests.TrainedWeightsAsync(o => o.Seed = 5, dropout: 0.5);

        Assert.Equal(first, second);
        Assert.NotEqual(first, await SegmentationTrainerTests.TrainedWeightsAsync(o => o.Seed = 6, dropout: 0.5));
    }

    [Fact]
    public async Task Training_LeavesTheGlobalGeneratorAsItWas()
    {
        using var task = new SegmentationTrainerTests.ToyTask(dropout: 0.5); // its nn.Linear draws from the global generator
        var trainer = new SegmentationTrainer(task, new TrainerOptions { Epochs = 2, BatchSize = 2, Seed = 5, ValidateEveryEpochs = 0 });
        using var global = torch.Generator.Default;
        using var before = global.get_state();

        await trainer.TrainAsync(SegmentationTrainerTests.ToySource.Create(4), cancellationToken: TestContext.Current.CancellationToken);

        using var after = global.get_state();
        Assert.True(before.equal(after).all().item<bool>(), "training changed the global generator's state");
    }
}
