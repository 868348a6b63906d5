// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OssNet.Sdk.TorchSharp.Training;

namespace OssNet.Sdk.DependencyInjection.Training;

/// <summary>Creates <see cref="SegmentationTrainer"/>s wired to the container's logging and <see cref="TimeProvider"/>.</summary>
/// <remarks>A singleton. The trainer is created per run and does not own the task; the caller disposes the task (and its model).</remarks>
public interface ISegmentationTrainerFactory
{
    /// <summary>Creates a trainer for <paramref name="task"/>.</summary>
    /// <param name="task">What to train (e.g. an <c>OccupancyTrainingTask</c>); stays owned by the caller.</param>
    /// <param name="options">How to train; validated.</param>
    /// <returns>A new trainer.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    SegmentationTrainer Create(TrainingTask task, TrainerOptions options);
}

/// <summary>The default <see cref="ISegmentationTrainerFactory"/>.</summary>
internal sealed class SegmentationTrainerFactory(IServiceProvider services) : ISegmentationTrainerFactory
{
    public SegmentationTrainer Create(TrainingTask task, TrainerOptions options) =>
        new(task, options, services.GetService<ILogger<SegmentationTrainer>>(), services.GetService<TimeProvider>());
}
