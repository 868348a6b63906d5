// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>A progress report of <see cref="SegmentationTrainer"/>, sent after every step and after validation.</summary>
/// <param name="Epoch">The current epoch, 1-based.</param>
/// <param name="Epochs">The number of epochs.</param>
/// <param name="Step">The step within the epoch, 1-based (0 for a validation report).</param>
/// <param name="StepsPerEpoch">Steps in one epoch.</param>
/// <param name="Loss">The loss of the step (mean of the epoch so far for validation reports).</param>
/// <param name="ValidationDice">The latest validation Dice, if any.</param>
/// <param name="CasesPerSecond">Training throughput over the current epoch.</param>
/// <param name="EstimatedRemaining">Estimated time to the end of training.</param>
public sealed record TrainingProgress(
    int Epoch,
    int Epochs,
    int Step,
    int StepsPerEpoch,
    double Loss,
    double? ValidationDice,
    double CasesPerSecond,
    TimeSpan EstimatedRemaining)
{
    /// <summary>Gets the fraction of training done, 0..1.</summary>
    public double Fraction => StepsPerEpoch == 0 ? 0 : (((Epoch - 1) * (double)StepsPerEpoch) + Step) / (Epochs * (double)StepsPerEpoch);
}

/// <summary>The outcome of a training run.</summary>
/// <param name="EpochsCompleted">Epochs completed (including those of a resumed run's earlier sessions).</param>
/// <param name="FinalLoss">Mean training loss of the last epoch.</param>
/// <param name="BestValidationDice">The best validation Dice seen, if validated.</param>
/// <param name="BestEpoch">The epoch of <paramref name="BestValidationDice"/>.</param>
/// <param name="History">Per-epoch records.</param>
public sealed record TrainingSummary(int EpochsCompleted, double FinalLoss, double? BestValidationDice, int? BestEpoch, IReadOnlyList<EpochRecord> History);

/// <summary>One epoch's figures.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="MeanLoss">Mean training loss.</param>
/// <param name="ValidationDice">Mean validation Dice, when validated.</param>
/// <param name="ValidationIoU">Mean validation IoU, when validated.</param>
/// <param name="Elapsed">Wall time of the epoch.</param>
public sealed record EpochRecord(int Epoch, double MeanLoss, double? ValidationDice, double? ValidationIoU, TimeSpan Elapsed)
{
    /// <summary>Gets the mean validation Dice of each foreground class (class-index order), when validated and the task
    /// scores classes (<see cref="CaseScore.DicePerClass"/>); null otherwise.</summary>
    public IReadOnlyList<double>? ValidationDicePerClass { get; init; }
}
