// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Reporting.Curves;

/// <summary>What one training epoch measured, for <see cref="TrainingCurves"/>.</summary>
/// <param name="Epoch">The epoch number (1-based by convention).</param>
/// <param name="Loss">The mean training loss of the epoch.</param>
public sealed record TrainingEpoch(int Epoch, double Loss)
{
    /// <summary>Gets the validation loss, or null when not measured.</summary>
    public double? ValidationLoss { get; init; }

    /// <summary>Gets the validation Dice per class (class name → Dice), or null when not measured. A binary model has
    /// one entry (e.g. "foreground").</summary>
    public IReadOnlyDictionary<string, double>? ValidationDice { get; init; }

    /// <summary>Gets the learning rate used in the epoch, or null when not recorded.</summary>
    public double? LearningRate { get; init; }
}

/// <summary>The files <see cref="TrainingCurves.WriteAsync"/> wrote.</summary>
/// <param name="PngPath">The full path of the plot.</param>
/// <param name="CsvPath">The full path of the table.</param>
public sealed record TrainingCurvesFiles(string PngPath, string CsvPath);
