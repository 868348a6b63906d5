// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>
/// What one model family needs from <see cref="SegmentationTrainer"/>: how to prepare a case, the loss of a batch, and how to
/// score a validation case. The trainer owns the loop (epochs, batches, optimizer, schedule, checkpoints, progress).
/// </summary>
/// <remarks>Implementations exist for occupancy models (OSS-Net, O-Net: sampled points) and the dense U-Nets.</remarks>
public abstract class TrainingTask : IDisposable
{
    /// <summary>Gets the module whose parameters are trained and checkpointed.</summary>
    public abstract nn.Module Model { get; }

    /// <summary>Gets a short description for logs.</summary>
    public abstract string Description { get; }

    /// <summary>Preprocesses a case into tensors (deterministic, so it may be cached). Called outside any dispose scope.</summary>
    /// <param name="volumeCase">A labelled case.</param>
    /// <returns>The prepared case; the trainer disposes it.</returns>
    public abstract PreparedCase Prepare(VolumeCase volumeCase);

    /// <summary>Computes the training loss of a batch (augmentation and sampling included), inside the trainer's step scope.</summary>
    /// <param name="batch">Prepared cases; not to be disposed.</param>
    /// <param name="context">Seeded randomness of this step.</param>
    /// <returns>A scalar loss with a graph to the model's parameters.</returns>
    public abstract Tensor ComputeLoss(IReadOnlyList<PreparedCase> batch, StepContext context);

    /// <summary>Scores one validation case with the model in eval mode, under no_grad.</summary>
    public abstract CaseScore Evaluate(PreparedCase preparedCase, StepContext context);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the model when <paramref name="disposing"/>.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Model.Dispose();
        }
    }
}

/// <summary>A case turned into tensors by a <see cref="TrainingTask"/>; owns them.</summary>
public abstract class PreparedCase : IDisposable
{
    /// <summary>Initializes a new instance.</summary>
    protected PreparedCase(string id) => Id = id;

    /// <summary>Gets the case id.</summary>
    public string Id { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the tensors when <paramref name="disposing"/>.</summary>
    protected abstract void Dispose(bool disposing);
}

/// <summary>The randomness of one training or validation step, derived from the run's seed, the epoch and the step.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Step">1-based step in the epoch.</param>
/// <param name="Random">Managed random numbers (sampling, augmentation decisions).</param>
/// <param name="Generator">Torch random numbers (noise); on the CPU.</param>
public sealed record StepContext(int Epoch, int Step, Random Random, Generator Generator);

/// <summary>Validation scores of one case.</summary>
/// <param name="Dice">Dice coefficient (multi-class: the mean over the foreground classes).</param>
/// <param name="IoU">Intersection over union (multi-class: the mean over the foreground classes).</param>
public sealed record CaseScore(double Dice, double IoU)
{
    /// <summary>Gets the Dice of each foreground class in class-index order, or null when the task does not score classes.</summary>
    public IReadOnlyList<double>? DicePerClass { get; init; }
}
