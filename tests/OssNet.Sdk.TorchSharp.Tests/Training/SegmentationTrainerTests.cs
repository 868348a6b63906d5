// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Losses;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

public sealed class SegmentationTrainerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"ossnet-trainer-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task TrainAsync_ToyTask_LossFallsAndProgressIsReported()
    {
        using var task = new ToyTask();
        var reports = new List<TrainingProgress>();
        var trainer = new SegmentationTrainer(task, Options(epochs: 6));

        var summary = await trainer.TrainAsync(ToySource.Create(8), ToySource.Create(4, seed: 99), new SyncProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal(6, summary.EpochsCompleted);
        Assert.Equal(6, summary.History.Count);
        Assert.True(summary.History[^1].MeanLoss < summary.History[0].MeanLoss, $"loss {summary.History[0].MeanLoss} → {summary.History[^1].MeanLoss}");
        Assert.Equal((6 * 4) + 6, reports.Count); // a report per step plus one per epoch
        Assert.Equal(1.0, reports[^1].Fraction, 6);
        Assert.NotNull(summary.BestValidationDice);
        Assert.True(File.Exists(Path.Combine(_directory, SegmentationTrainer.LastCheckpointName)));
        Assert.True(File.Exists(Path.Combine(_directory, SegmentationTrainer.BestCheckpointName)));
    }

    [Fact]
    public async Task TrainAsync_Resumed_EndsWhereAnUninterruptedRunEnds()
    {
        var straightDirectory = Path.Combine(_directory, "straight");
        var splitDirectory = Path.Combine(_directory, "split");
        using var straight = new ToyTask();
        await new SegmentationTrainer(straight, Options(epochs: 7, straightDirectory)).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);

        using (var first = new ToyTask())
        {
            await new SegmentationTrainer(first, Options(epochs: 3, splitDirectory)).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);
        }

        using var resumed = new ToyTask(initialWeight: 5f); // different weights: the checkpoint must overwrite them
        var summary = await new SegmentationTrainer(resumed, Options(epochs: 7, splitDirectory)).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(7, summary.EpochsCompleted);
        Assert.Equal(7, summary.History.Count);
        foreach (var (a, b) in straight.Model.parameters().Zip(resumed.Model.parameters()))
        {
            Assert.True(a.equal(b).all().item<bool>(), $"parameters differ: {a.data<float>()[0]} vs {b.data<float>()[0]}");
        }
    }

    [Fact]
    public async Task TrainAsync_Cancelled_StopsAndKeepsTheLastCheckpoint()
    {
        using var task = new ToyTask();
        using var cts = new CancellationTokenSource();
        var trainer = new SegmentationTrainer(task, Options(epochs: 5));
        var progress = new SyncProgress(p =>
        {
            if (p.Epoch == 3 && p.Step == 1)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => trainer.TrainAsync(ToySource.Create(8), null, progress, cts.Token));

        using var check = new ToyTask();
        using var optimizer = OptimizerBundle.Create(OptimizerKind.LookaheadRAdam, check.Model.parameters(), 1e-3);
        var state = TrainingCheckpoint.Load(Path.Combine(_directory, SegmentationTrainer.LastCheckpointName), check.Model, optimizer);
        Assert.Equal(2, state.EpochsCompleted);
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public async Task TrainAsync_LeavesNoLiveTensors()
    {
        using var task = new ToyTask();
        var trainer = new SegmentationTrainer(task, new TrainerOptions { Epochs = 2, BatchSize = 2, Seed = 1, ValidateEveryEpochs = 1 });
        var source = ToySource.Create(4);
        await trainer.TrainAsync(source, source, cancellationToken: TestContext.Current.CancellationToken); // warm up
        var before = TensorLeakGuard.LiveTensors;

        await trainer.TrainAsync(source, source, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(before, TensorLeakGuard.LiveTensors);
    }

    [Fact]
    public async Task TrainAsync_FewerCasesThanABatch_ThrowsNamingTheSource()
    {
        using var task = new ToyTask();
        var trainer = new SegmentationTrainer(task, new TrainerOptions { BatchSize = 8 });
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => trainer.TrainAsync(ToySource.Create(3), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("toy", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 3e-4)]
    [InlineData(20, 3e-4)]
    [InlineData(21, 3e-5)]
    [InlineData(31, 3e-6)]
    public void LearningRateAt_FollowsTheMultiStepSchedule(int epoch, double expected)
    {
        using var task = new ToyTask();
        Assert.Equal(expected, new SegmentationTrainer(task, new TrainerOptions()).LearningRateAt(epoch), 12);
    }

    [Theory]
    [InlineData(1, 0, 1e-2)]
    [InlineData(6, 0, 0.00535886731)] // 1e-2 · 0.5^0.9
    [InlineData(1, 45, 0.00535886731)] // half of a 90 s budget used: progress 0.5
    public void LearningRateAt_Polynomial_DecaysWithEpochsOrBudget(int epoch, double elapsedSeconds, double expected)
    {
        using var task = new ToyTask();
        var options = new TrainerOptions { Epochs = 10, LearningRate = 1e-2, Schedule = LearningRateSchedule.Polynomial, TimeBudget = TimeSpan.FromSeconds(90) };

        var rate = new SegmentationTrainer(task, options).LearningRateAt(epoch, TimeSpan.FromSeconds(elapsedSeconds));

        Assert.Equal(expected, rate, 9);
    }

    [Fact]
    public async Task TrainAsync_TimeBudgetUsedUp_StopsAfterTheEpochAndSavesIt()
    {
        using var task = new ToyTask();
        var options = Options(epochs: 50);
        options.TimeBudget = TimeSpan.FromTicks(1);
        options.Schedule = LearningRateSchedule.Polynomial;

        var summary = await new SegmentationTrainer(task, options).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(summary.StoppedByTimeBudget);
        Assert.Equal(1, summary.EpochsCompleted);
        Assert.Equal(0.05 * Math.Pow(0.01, 0.9), summary.History[0].LearningRate!.Value, 12); // the budget was used up at once: the floor
        using var check = new ToyTask();
        var state = TrainingCheckpoint.Load(Path.Combine(_directory, SegmentationTrainer.LastCheckpointName), check.Model, null);
        Assert.Equal(1, state.EpochsCompleted);
    }

    [Fact]
    public async Task TrainAsync_WithoutBudget_RunsEveryEpochAndRecordsTheRates()
    {
        using var task = new ToyTask();

        var summary = await new SegmentationTrainer(task, Options(epochs: 5)).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(summary.StoppedByTimeBudget);
        Assert.Equal([0.05, 0.05, 0.05, 0.05, 0.005], summary.History.Select(e => Math.Round(e.LearningRate!.Value, 6)));
    }

    [Fact]
    public void Options_Invalid_NameTheField()
    {
        using var task = new ToyTask();
        var ex = Assert.Throws<ArgumentException>(() => new SegmentationTrainer(task, new TrainerOptions { BatchSize = 0 }));
        Assert.Equal("BatchSize", ex.ParamName);
    }

    // One test per TrainerOptions option that no test above already pins (docs/reference/option-audit.md): each fails when
    // the option is accepted but ignored, because the two runs would then end with the same weights or history.
    [Fact]
    public async Task LearningRate_TwoRates_EndWithDifferentWeights() =>
        Assert.NotEqual(await TrainedWeightsAsync(o => o.LearningRate = 0.05), await TrainedWeightsAsync(o => o.LearningRate = 0.001));

    [Fact]
    public async Task Optimizer_AdamAndLookaheadRAdam_EndWithDifferentWeights() =>
        Assert.NotEqual(await TrainedWeightsAsync(o => o.Optimizer = OptimizerKind.Adam), await TrainedWeightsAsync(o => o.Optimizer = OptimizerKind.LookaheadRAdam));

    [Fact]
    public async Task LearningRateMilestones_AMilestone_ChangesTheWeights() =>
        Assert.NotEqual(await TrainedWeightsAsync(o => o.LearningRateMilestones = []), await TrainedWeightsAsync(o => o.LearningRateMilestones = [1]));

    [Fact]
    public async Task LearningRateDecay_TwoFactors_EndWithDifferentWeights() =>
        Assert.NotEqual(await TrainedWeightsAsync(o => o.LearningRateDecay = 1), await TrainedWeightsAsync(o => o.LearningRateDecay = 0.01));

    [Fact]
    public async Task Seed_SameSeedRepeats_AndAnotherSeedDiffers()
    {
        var first = await TrainedWeightsAsync(o => o.Seed = 5);

        Assert.Equal(first, await TrainedWeightsAsync(o => o.Seed = 5));
        Assert.NotEqual(first, await TrainedWeightsAsync(o => o.Seed = 6));
    }

    [Fact]
    public async Task ValidateEveryEpochs_SetsWhichEpochsAreValidated()
    {
        using var task = new ToyTask();
        var options = Options(epochs: 4);
        options.CheckpointDirectory = null;
        options.ValidateEveryEpochs = 3;

        var summary = await new SegmentationTrainer(task, options).TrainAsync(ToySource.Create(4), ToySource.Create(2, seed: 5), cancellationToken: TestContext.Current.CancellationToken);

        // Epoch 3 by the option, epoch 4 because the last epoch is always validated.
        Assert.Equal([false, false, true, true], summary.History.Select(e => e.ValidationDice is not null));
    }

    [Fact]
    public async Task Resume_False_IgnoresAnExistingCheckpoint()
    {
        using (var first = new ToyTask())
        {
            await new SegmentationTrainer(first, Options(epochs: 2)).TrainAsync(ToySource.Create(4), cancellationToken: TestContext.Current.CancellationToken);
        }

        using var fresh = new ToyTask();
        var options = Options(epochs: 3);
        options.Resume = false;
        var summary = await new SegmentationTrainer(fresh, options).TrainAsync(ToySource.Create(4), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], summary.History.Select(e => e.Epoch));
    }

    [Theory]
    [InlineData(true, 4)]
    [InlineData(false, 12)]
    public async Task CachePreparedCases_PreparesEachCaseOnceOrEveryEpoch(bool cache, int expectedPrepares)
    {
        using var task = new ToyTask();
        var options = Options(epochs: 3);
        options.CheckpointDirectory = null;
        options.CachePreparedCases = cache;

        await new SegmentationTrainer(task, options).TrainAsync(ToySource.Create(4), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(expectedPrepares, task.PrepareCount);
    }

    internal static async Task<float[]> TrainedWeightsAsync(Action<TrainerOptions> configure, double dropout = 0)
    {
        using var task = new ToyTask(dropout: dropout);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 2, LearningRate = 0.05, LearningRateMilestones = [2], ValidateEveryEpochs = 0, Seed = 42 };
        configure(options);
        await new SegmentationTrainer(task, options).TrainAsync(ToySource.Create(8), cancellationToken: TestContext.Current.CancellationToken);
        return [.. task.Model.parameters().SelectMany(p => p.data<float>().ToArray())];
    }

    private TrainerOptions Options(int epochs, string? directory = null) => new()
    {
        Epochs = epochs,
        BatchSize = 2,
        LearningRate = 0.05,
        LearningRateMilestones = [4],
        ValidateEveryEpochs = 2,
        CheckpointDirectory = directory ?? _directory,
        Seed = 42,
    };

    private sealed class SyncProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }

    /// <summary>A one-layer classifier of "does this case contain foreground", from two image statistics.</summary>
    internal sealed class ToyTask : TrainingTask
    {
        private readonly nn.Module<Tensor, Tensor> _model;

        public ToyTask(float initialWeight = 0.1f, double dropout = 0)
        {
            var linear = nn.Linear(2, 1);
            using (torch.no_grad())
            {
                linear.weight!.fill_(initialWeight);
                linear.bias!.fill_(0);
            }

            _model = dropout > 0 ? nn.Sequential(("dropout", nn.Dropout(dropout)), ("linear", linear)) : linear;
        }

        public override nn.Module Model => _model;

        public override string Description => "toy";

        public int PrepareCount { get; private set; }

        public override PreparedCase Prepare(VolumeCase volumeCase)
        {
            PrepareCount++;
            var image = volumeCase.Image.Voxels.Span;
            var mean = 0f;
            foreach (var v in image)
            {
                mean += v / image.Length;
            }

            var features = torch.tensor(new[] { mean, image[0] }).DetachFromDisposeScope();
            var label = torch.tensor(new[] { volumeCase.Label!.CountForeground() > 0 ? 1f : 0f }).DetachFromDisposeScope();
            return new ToyCase(volumeCase.Id, features, label);
        }

        public override Tensor ComputeLoss(IReadOnlyList<PreparedCase> batch, StepContext context)
        {
            var x = torch.stack(batch.Select(c => ((ToyCase)c).Features));
            x = x + (0.01f * torch.randn(x.shape, generator: context.Generator)); // exercises the step's seeded generator
            var y = torch.stack(batch.Select(c => ((ToyCase)c).Label));
            return OccupancyLoss.BinaryCrossEntropy(_model.call(x), y);
        }

        public override CaseScore Evaluate(PreparedCase preparedCase, StepContext context)
        {
            var c = (ToyCase)preparedCase;
            var predicted = _model.call(c.Features.unsqueeze(0)).item<float>() > 0;
            var correct = predicted == (c.Label.item<float>() > 0);
            return new CaseScore(correct ? 1 : 0, correct ? 1 : 0);
        }
    }

    internal sealed class ToyCase(string id, Tensor features, Tensor label) : PreparedCase(id)
    {
        public Tensor Features { get; } = features;

        public Tensor Label { get; } = label;

        protected override void Dispose(bool disposing)
        {
            Features.Dispose();
            Label.Dispose();
        }
    }

    /// <summary>Cases whose image is bright exactly when the label has foreground.</summary>
    internal sealed class ToySource : IVolumeSource
    {
        private readonly Dictionary<string, VolumeCase> _cases;

        private ToySource(Dictionary<string, VolumeCase> cases) => _cases = cases;

        public string Name => "toy";

        public IReadOnlyList<string> CaseIds => [.. _cases.Keys];

        public static ToySource Create(int count, int seed = 1)
        {
            var random = new Random(seed);
            var geometry = VolumeGeometry.Create(new VolumeShape(2, 2, 2));
            var cases = new Dictionary<string, VolumeCase>();
            for (var i = 0; i < count; i++)
            {
                var positive = i % 2 == 0;
                var image = Enumerable.Range(0, 8).Select(_ => (float)((positive ? 2 : -2) + random.NextDouble())).ToArray();
                var labels = new byte[8];
                labels[3] = positive ? (byte)1 : (byte)0;
                cases[$"toy-{i}"] = new VolumeCase($"toy-{i}", new Volume(geometry, 1, image), new LabelVolume(geometry, labels));
            }

            return new ToySource(cases);
        }

        public ValueTask<VolumeCase> LoadAsync(string caseId, CancellationToken cancellationToken = default) => ValueTask.FromResult(_cases[caseId]);

        public async IAsyncEnumerable<VolumeCase> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            foreach (var id in CaseIds)
            {
                yield return await LoadAsync(id, cancellationToken);
            }
        }
    }
}
