// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;
using Spectre.Console;

namespace OssNet.Cli.Training;

/// <summary>Shows a training run: a progress bar with loss, learning rate and time left (of the epochs or of the time budget),
/// then the per-epoch table.</summary>
internal static class TrainingDisplay
{
    public static Task<TrainingSummary> RunAsync(
        SegmentationTrainer trainer, IVolumeSource training, IVolumeSource? validation, TimeSpan? budget, CancellationToken cancellationToken) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask("training", maxValue: 1.0);
                var clock = Stopwatch.StartNew();
                var progress = new SynchronousProgress<TrainingProgress>(p =>
                {
                    // With a budget the run ends when the time is used up, so time is the better measure of progress.
                    var byTime = budget is { } b ? clock.Elapsed / b : 0;
                    bar.Value = Math.Min(1.0, Math.Max(p.Fraction, byTime));
                    var epochs = budget is null ? string.Create(CultureInfo.InvariantCulture, $"/{p.Epochs}") : string.Empty;
                    var validated = p.ValidationDice is { } dice ? string.Create(CultureInfo.InvariantCulture, $" val Dice {dice:F3}") : string.Empty;
                    bar.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}{epochs} loss {p.Loss:F3}{validated}");
                });
                var summary = await trainer.TrainAsync(training, validation, progress, cancellationToken);
                bar.Value = 1.0;
                return summary;
            });

    public static void WriteHistory(TrainingSummary summary)
    {
        var table = new Table().AddColumns("epoch", "mean loss", "learning rate", "validation Dice", "seconds");
        var rows = summary.History.Count <= 40
            ? summary.History
            : [.. summary.History.Where((e, i) => i % (summary.History.Count / 20) == 0 || e.ValidationDice is not null || i == summary.History.Count - 1)];
        foreach (var epoch in rows)
        {
            table.AddRow(
                epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                epoch.MeanLoss.ToString("F4", CultureInfo.InvariantCulture),
                epoch.LearningRate?.ToString("G3", CultureInfo.InvariantCulture) ?? string.Empty,
                epoch.ValidationDice?.ToString("F3", CultureInfo.InvariantCulture) ?? string.Empty,
                epoch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        var stopped = summary.StoppedByTimeBudget ? " (time budget used up)" : string.Empty;
        var best = summary.BestValidationDice is { } dice
            ? string.Create(CultureInfo.InvariantCulture, $", best validation Dice {dice:F3} in epoch {summary.BestEpoch}")
            : string.Empty;
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.EpochsCompleted} epoch(s) in {summary.Elapsed.TotalMinutes:F1} min{stopped}; final loss {summary.FinalLoss:F4}{best}"));
    }
}
