// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OssNet.Sdk.Randomness;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>
/// Trains any model family through a <see cref="TrainingTask"/>: epochs of shuffled batches, Lookahead(RAdam) or Adam,
/// a multi-step learning-rate schedule, validation every N epochs, best and last checkpoints, resume, progress and cancellation.
/// </summary>
/// <remarks>
/// <para><b>Reproducibility.</b> Every epoch's shuffling and every step's sampling, augmentation and dropout draw from random
/// streams derived from (<see cref="TrainerOptions.Seed"/>, epoch, step), and the learning rate is a function of the epoch. Together with
/// the weights, the optimizer state and the Lookahead slow weights stored in <c>last.ckpt</c>, a resumed run ends where an
/// uninterrupted one with the same seed ends.</para>
/// <para><b>Cancellation</b> is observed before each step and between validation cases: the current step finishes, nothing
/// partial is written, and the last epoch-end checkpoint stays as it was.</para>
/// <para><b>Threading.</b> Cases are loaded asynchronously outside dispose scopes; each step's tensor work runs synchronously in
/// its own dispose scope on one thread (TorchSharp's scopes are thread-static).</para>
/// </remarks>
public sealed class SegmentationTrainer
{
    /// <summary>File name of the checkpoint written after every epoch.</summary>
    public const string LastCheckpointName = "last.ckpt";

    /// <summary>File name of the checkpoint with the best validation Dice.</summary>
    public const string BestCheckpointName = "best.ckpt";

    // nnU-Net's exponent of the polynomial schedule.
    private const double PolynomialExponent = 0.9;

    private readonly TrainingTask _task;
    private readonly TrainerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Initializes a new trainer; the task (and its model) stay owned by the caller.</summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SegmentationTrainer(TrainingTask task, TrainerOptions options, ILogger<SegmentationTrainer>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _task = task;
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Trains on <paramref name="training"/>, validating on <paramref name="validation"/> when given.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; the last epoch-end checkpoint is kept.</exception>
    /// <exception cref="ArgumentException">The training set is smaller than one batch.</exception>
    public async Task<TrainingSummary> TrainAsync(
        IVolumeSource training,
        IVolumeSource? validation = null,
        IProgress<TrainingProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        var caseIds = training.CaseIds;
        var stepsPerEpoch = caseIds.Count / _options.BatchSize;
        if (stepsPerEpoch == 0)
        {
            throw new ArgumentException(
                $"The training set '{training.Name}' has {caseIds.Count} cases, fewer than one batch of {_options.BatchSize}.", nameof(training));
        }

        var model = _task.Model;
        using var optimizer = OptimizerBundle.Create(_options.Optimizer, model.parameters(), _options.LearningRate);
        var state = new TrainerState(0, null, null, [], _task.Description);
        var lastPath = _options.CheckpointDirectory is null ? null : Path.Combine(_options.CheckpointDirectory, LastCheckpointName);
        var bestPath = _options.CheckpointDirectory is null ? null : Path.Combine(_options.CheckpointDirectory, BestCheckpointName);
        if (_options.Resume && lastPath is not null && File.Exists(lastPath))
        {
            state = TrainingCheckpoint.Load(lastPath, model, optimizer);
            TrainerLog.Resumed(_logger, lastPath, state.EpochsCompleted);
        }

        var history = state.History.ToList();
        var cache = new Dictionary<string, PreparedCase>();
        var runClock = Stopwatch.StartNew();
        var stepsDone = 0;
        var stepsTotal = (_options.Epochs - state.EpochsCompleted) * stepsPerEpoch;
        var stoppedByBudget = false;
        TrainerLog.Starting(_logger, _task.Description, caseIds.Count, stepsPerEpoch, state.EpochsCompleted + 1, _options.Epochs);
        try
        {
            for (var epoch = state.EpochsCompleted + 1; epoch <= _options.Epochs; epoch++)
            {
                var epochClock = Stopwatch.StartNew();
                optimizer.LearningRate = LearningRateAt(epoch, runClock.Elapsed);
                var order = Shuffle(caseIds, new Random(DeriveSeed(epoch, 0)));
                model.train();
                double lossSum = 0;
                for (var step = 1; step <= stepsPerEpoch; step++)
                {
                    if (cancellationToken.IsCancellationRequested)
                    {
                        TrainerLog.Cancelled(_logger, epoch, step);
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var ids = order.Skip((step - 1) * _options.BatchSize).Take(_options.BatchSize).ToList();
                    var batch = await PrepareAsync(training, ids, cache, cancellationToken).ConfigureAwait(false);
                    try
                    {
                        lossSum += TrainStep(batch, optimizer, epoch, step);
                    }
                    finally
                    {
                        ReleaseUncached(batch, cache);
                    }

                    stepsDone++;
                    var elapsed = runClock.Elapsed;
                    var remaining = TimeSpan.FromSeconds(elapsed.TotalSeconds / stepsDone * (stepsTotal - stepsDone));
                    progress?.Report(new TrainingProgress(
                        epoch, _options.Epochs, step, stepsPerEpoch, lossSum / step, state.BestValidationDice,
                        step * _options.BatchSize / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9), remaining));
                }

                double? dice = null;
                double? iou = null;
                IReadOnlyList<double>? dicePerClass = null;
                if (validation is not null && IsValidationEpoch(epoch))
                {
                    (dice, iou, dicePerClass) = await ValidateAsync(validation, epoch, cancellationToken).ConfigureAwait(false);
                    TrainerLog.Validated(_logger, epoch, dice.Value, iou.Value, validation.CaseIds.Count);
                }

                var meanLoss = lossSum / stepsPerEpoch;
                history.Add(new EpochRecord(epoch, meanLoss, dice, iou, epochClock.Elapsed) { LearningRate = optimizer.LearningRate, ValidationDicePerClass = dicePerClass });
                var improved = dice is not null && (state.BestValidationDice is null || dice > state.BestValidationDice);
                state = new TrainerState(
                    epoch,
                    improved ? dice : state.BestValidationDice,
                    improved ? epoch : state.BestEpoch,
                    history.ToList(),
                    _task.Description);
                TrainerLog.EpochDone(_logger, epoch, _options.Epochs, meanLoss, optimizer.LearningRate, epochClock.Elapsed.TotalSeconds);
                if (improved && bestPath is not null)
                {
                    TrainingCheckpoint.Save(bestPath, state, model, optimizer);
                    TrainerLog.SavedBest(_logger, dice!.Value, epoch, bestPath);
                }

                if (lastPath is not null)
                {
                    TrainingCheckpoint.Save(lastPath, state, model, optimizer);
                }

                progress?.Report(new TrainingProgress(
                    epoch, _options.Epochs, stepsPerEpoch, stepsPerEpoch, meanLoss, state.BestValidationDice,
                    stepsPerEpoch * _options.BatchSize / Math.Max(epochClock.Elapsed.TotalSeconds, 1e-9),
                    TimeSpan.FromSeconds(runClock.Elapsed.TotalSeconds / Math.Max(stepsDone, 1) * (stepsTotal - stepsDone))));
                if (_options.TimeBudget is { } budget && runClock.Elapsed >= budget && epoch < _options.Epochs)
                {
                    stoppedByBudget = true;
                    TrainerLog.BudgetUsed(_logger, budget.TotalMinutes, epoch);
                    break;
                }
            }
        }
        finally
        {
            foreach (var prepared in cache.Values)
            {
                prepared.Dispose();
            }
        }

        var last = history.Count > 0 ? history[^1].MeanLoss : double.NaN;
        return new TrainingSummary(state.EpochsCompleted, last, state.BestValidationDice, state.BestEpoch, history)
        {
            StoppedByTimeBudget = stoppedByBudget,
            Elapsed = runClock.Elapsed,
        };
    }

    /// <summary>Gets the learning rate of 1-based <paramref name="epoch"/> under the configured schedule.</summary>
    /// <param name="epoch">The epoch about to start.</param>
    /// <param name="elapsed">The run's wall time so far (used by <see cref="LearningRateSchedule.Polynomial"/> with a time budget).</param>
    public double LearningRateAt(int epoch, TimeSpan elapsed = default)
    {
        if (_options.Schedule == LearningRateSchedule.Polynomial)
        {
            var progress = (epoch - 1) / (double)_options.Epochs;
            if (_options.TimeBudget is { } budget)
            {
                progress = Math.Max(progress, elapsed / budget);
            }

            return _options.LearningRate * Math.Pow(1 - Math.Clamp(progress, 0, 0.99), PolynomialExponent);
        }

        var decays = _options.LearningRateMilestones.Count(m => m <= epoch - 1);
        return _options.LearningRate * Math.Pow(_options.LearningRateDecay, decays);
    }

    private double TrainStep(IReadOnlyList<PreparedCase> batch, OptimizerBundle optimizer, int epoch, int step)
    {
        var context = Context(epoch, step);
        using var generator = context.Generator;
        using var dropout = GlobalGeneratorState.Seed(DropoutSeed(epoch, step));
        using var scope = torch.NewDisposeScope();
        optimizer.ZeroGrad();
        var loss = _task.ComputeLoss(batch, context);
        var value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            throw new InvalidOperationException($"The training loss became {value} in epoch {context.Epoch}, step {context.Step}.");
        }

        loss.backward();
        optimizer.Step();
        return value;
    }

    private async Task<(double Dice, double IoU, IReadOnlyList<double>? DicePerClass)> ValidateAsync(IVolumeSource validation, int epoch, CancellationToken cancellationToken)
    {
        var model = _task.Model;
        model.eval();
        double dice = 0;
        double iou = 0;
        double[]? dicePerClass = null;
        var count = 0;
        try
        {
            foreach (var id in validation.CaseIds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var loaded = await validation.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                using var prepared = _task.Prepare(loaded);
                using var noGrad = torch.no_grad();
                var context = Context(epoch, -1 - count);
                using var generator = context.Generator;
                using var scope = torch.NewDisposeScope();
                var score = _task.Evaluate(prepared, context);
                dice += score.Dice;
                iou += score.IoU;
                if (score.DicePerClass is { } perClass)
                {
                    dicePerClass ??= new double[perClass.Count];
                    for (var c = 0; c < Math.Min(perClass.Count, dicePerClass.Length); c++)
                    {
                        dicePerClass[c] += perClass[c];
                    }
                }

                count++;
            }
        }
        finally
        {
            model.train();
        }

        return count == 0 ? (0, 0, null) : (dice / count, iou / count, dicePerClass?.Select(d => d / count).ToArray());
    }

    private async Task<List<PreparedCase>> PrepareAsync(IVolumeSource source, List<string> ids, Dictionary<string, PreparedCase> cache, CancellationToken cancellationToken)
    {
        var batch = new List<PreparedCase>(ids.Count);
        try
        {
            foreach (var id in ids)
            {
                if (cache.TryGetValue(id, out var cached))
                {
                    batch.Add(cached);
                    continue;
                }

                var loaded = await source.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                if (loaded.Label is null)
                {
                    throw new InvalidVolumeException(id, "training needs labelled cases, and this case has no label.");
                }

                var prepared = _task.Prepare(loaded);
                if (_options.CachePreparedCases)
                {
                    cache[id] = prepared;
                }

                batch.Add(prepared);
            }
        }
        catch
        {
            ReleaseUncached(batch, cache);
            throw;
        }

        return batch;
    }

    private static void ReleaseUncached(IEnumerable<PreparedCase> batch, Dictionary<string, PreparedCase> cache)
    {
        foreach (var prepared in batch)
        {
            if (!cache.ContainsKey(prepared.Id))
            {
                prepared.Dispose();
            }
        }
    }

    private bool IsValidationEpoch(int epoch) =>
        epoch == _options.Epochs || (_options.ValidateEveryEpochs > 0 && epoch % _options.ValidateEveryEpochs == 0);

    // The caller disposes the context's generator.
    private StepContext Context(int epoch, int step)
    {
        var seed = DeriveSeed(epoch, step);
        return new StepContext(epoch, step, new Random(seed), new torch.Generator((ulong)(uint)seed));
    }

    // A fixed mix (not HashCode.Combine, which is randomised per process) so a resumed run draws the same numbers.
    private int DeriveSeed(int epoch, int step) =>
        unchecked((int)SeedMixer.Mix(SeedMixer.FromSeed(_options.Seed), (ulong)(uint)epoch, (ulong)(uint)step));

    // Dropout gets its own stream (step numbers are never negative, so this cannot collide with a validation context's seed).
    private ulong DropoutSeed(int epoch, int step) => SeedMixer.Mix(SeedMixer.Mix(SeedMixer.FromSeed(_options.Seed), (ulong)(uint)epoch, (ulong)(uint)step), 0xD80_0017UL);

    private static List<string> Shuffle(IReadOnlyList<string> ids, Random random)
    {
        var order = ids.ToList();
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(order));
        return order;
    }
}
