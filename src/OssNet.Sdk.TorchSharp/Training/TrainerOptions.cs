// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Which optimizer the trainer builds.</summary>
public enum OptimizerKind
{
    /// <summary>RAdam wrapped in Lookahead (k = 5, α = 0.8), as the reference.</summary>
    LookaheadRAdam,

    /// <summary>Adam (β = 0.9, 0.999).</summary>
    Adam,
}

/// <summary>How the learning rate changes over a run.</summary>
public enum LearningRateSchedule
{
    /// <summary>Multiply by <see cref="TrainerOptions.LearningRateDecay"/> at each of <see cref="TrainerOptions.LearningRateMilestones"/>
    /// (the reference: ×0.1 after epochs 20 and 30 of 50).</summary>
    MultiStep,

    /// <summary>nnU-Net's polynomial decay <c>rate · (1 − progress)^0.9</c>, where progress is the share of the epochs done or, with a
    /// <see cref="TrainerOptions.TimeBudget"/>, the share of the budget used, whichever is larger. Suits short runs: large steps
    /// first, small ones at the end.</summary>
    Polynomial,
}

/// <summary>Options of <see cref="SegmentationTrainer"/>; the defaults are the reference's (see docs/guides/training.md).</summary>
public sealed class TrainerOptions
{
    /// <summary>Gets or sets the number of epochs.</summary>
    /// <value>The default value is 50. Valid range 1..100000.</value>
    public int Epochs { get; set; } = 50;

    /// <summary>Gets or sets the number of volumes per optimisation step.</summary>
    /// <value>The default value is 8 (BraTS in the reference; LiTS used 4). Incomplete last batches are dropped, as the reference.</value>
    public int BatchSize { get; set; } = 8;

    /// <summary>Gets or sets the learning rate.</summary>
    /// <value>The default value is 3e-4. The reference meant 1e-2 for PAU coefficients, but its RAdam cached the first group's step
    /// size, so every parameter effectively trained at 3e-4 (see docs/guides/training.md); the SDK reproduces that behaviour with one rate.</value>
    public double LearningRate { get; set; } = 3e-4;

    /// <summary>Gets or sets the optimizer.</summary>
    /// <value>The default value is <see cref="OptimizerKind.LookaheadRAdam"/>.</value>
    public OptimizerKind Optimizer { get; set; } = OptimizerKind.LookaheadRAdam;

    /// <summary>Gets or sets the epochs after which the learning rate is multiplied by <see cref="LearningRateDecay"/>.</summary>
    /// <value>The default value is [20, 30] (of 50 epochs).</value>
    public IReadOnlyList<int> LearningRateMilestones { get; set; } = [20, 30];

    /// <summary>Gets or sets how the learning rate changes over the run.</summary>
    /// <value>The default value is <see cref="LearningRateSchedule.MultiStep"/> (the reference's).</value>
    public LearningRateSchedule Schedule { get; set; } = LearningRateSchedule.MultiStep;

    /// <summary>Gets or sets a wall-clock budget: training stops after the first epoch that ends past it (checkpoints and the
    /// summary are written as after the last epoch). <see cref="Epochs"/> stays an upper bound.</summary>
    /// <value>The default value is null: no budget. A resumed run gets the whole budget again.</value>
    public TimeSpan? TimeBudget { get; set; }

    /// <summary>Gets or sets the factor applied at each milestone.</summary>
    /// <value>The default value is 0.1.</value>
    public double LearningRateDecay { get; set; } = 0.1;

    /// <summary>Gets or sets how often (in epochs) the model is validated; 0 never.</summary>
    /// <value>The default value is 5, as the reference. The last epoch is always validated when a validation set is given.</value>
    public int ValidateEveryEpochs { get; set; } = 5;

    /// <summary>Gets or sets the folder for checkpoints (<c>last.ckpt</c>, <c>best.ckpt</c>); null keeps none.</summary>
    /// <value>The default value is null.</value>
    public string? CheckpointDirectory { get; set; }

    /// <summary>Gets or sets a value indicating whether training resumes from <c>last.ckpt</c> in <see cref="CheckpointDirectory"/> when it exists.</summary>
    /// <value>The default value is true.</value>
    public bool Resume { get; set; } = true;

    /// <summary>Gets or sets the seed of shuffling, point sampling and augmentation; each epoch derives its own stream from it.</summary>
    /// <value>The default value is 0.</value>
    public int Seed { get; set; }

    /// <summary>Gets or sets a value indicating whether prepared (preprocessed) cases are kept in memory between epochs.</summary>
    /// <value>The default value is false: cases are re-read each epoch, so memory stays bounded by a batch.</value>
    public bool CachePreparedCases { get; set; }

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        Require(Epochs is >= 1 and <= 100_000, nameof(Epochs), $"Epochs = {Epochs} is outside 1..100000.");
        Require(BatchSize is >= 1 and <= 4096, nameof(BatchSize), $"BatchSize = {BatchSize} is outside 1..4096.");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), $"LearningRate = {LearningRate} must be positive and finite.");
        Require(LearningRateDecay > 0 && LearningRateDecay <= 1, nameof(LearningRateDecay), $"LearningRateDecay = {LearningRateDecay} is outside (0, 1].");
        Require(ValidateEveryEpochs >= 0, nameof(ValidateEveryEpochs), $"ValidateEveryEpochs = {ValidateEveryEpochs} must not be negative.");
        Require(TimeBudget is null || TimeBudget > TimeSpan.Zero, nameof(TimeBudget), $"TimeBudget = {TimeBudget} must be positive.");
        Require(Enum.IsDefined(Schedule), nameof(Schedule), $"Schedule = {Schedule} is not a schedule.");
        Require(LearningRateMilestones is not null && LearningRateMilestones.All(m => m >= 1), nameof(LearningRateMilestones), "LearningRateMilestones must be positive epoch numbers.");
    }

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
