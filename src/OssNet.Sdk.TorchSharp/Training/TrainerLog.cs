// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Source-generated log messages of the trainer.</summary>
internal static partial class TrainerLog
{
    [LoggerMessage(1, LogLevel.Information, "Training {Task}: {Cases} training cases, {Steps} steps/epoch, epochs {FirstEpoch}..{Epochs}")]
    public static partial void Starting(ILogger logger, string task, int cases, int steps, int firstEpoch, int epochs);

    [LoggerMessage(2, LogLevel.Information, "Resumed from {Path} after epoch {Epoch}")]
    public static partial void Resumed(ILogger logger, string path, int epoch);

    [LoggerMessage(3, LogLevel.Information, "Epoch {Epoch}/{Epochs}: loss {Loss:F4}, lr {LearningRate:G3}, {Seconds:F1} s")]
    public static partial void EpochDone(ILogger logger, int epoch, int epochs, double loss, double learningRate, double seconds);

    [LoggerMessage(4, LogLevel.Information, "Epoch {Epoch}: validation Dice {Dice:F4}, IoU {IoU:F4} over {Cases} cases")]
    public static partial void Validated(ILogger logger, int epoch, double dice, double iou, int cases);

    [LoggerMessage(5, LogLevel.Information, "New best validation Dice {Dice:F4} at epoch {Epoch}; saved {Path}")]
    public static partial void SavedBest(ILogger logger, double dice, int epoch, string path);

    [LoggerMessage(6, LogLevel.Warning, "Training cancelled in epoch {Epoch} at step {Step}; the last checkpoint is kept")]
    public static partial void Cancelled(ILogger logger, int epoch, int step);

    [LoggerMessage(7, LogLevel.Information, "Time budget of {Minutes:F1} min used up after epoch {Epoch}; stopping")]
    public static partial void BudgetUsed(ILogger logger, double minutes, int epoch);
}
