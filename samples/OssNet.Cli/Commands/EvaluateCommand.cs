// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.Volumes;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet evaluate</c>: scores a model (or existing masks) against labels: Dice, IoU, HD95, ASSD per case and
/// their mean ± standard deviation, per class for multi-class models, as a table and a CSV or JSON report.</summary>
/// <remarks>The reference labels are mapped through the label set of each segmentation (<c>SegmentationResult.Labels</c>;
/// <c>--labels</c> for <c>--predictions</c>), so a binary model is scored against every non-zero label.</remarks>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new Option<string?>("--data") { Description = "Labelled data: " + DataLocations.Help };
        var predictions = new Option<string?>("--predictions") { Description = "Score the masks in this folder (<case>_mask.nii.gz or <case>.nii.gz) instead of running a model" };
        var report = new Option<string?>("--report") { Description = "Write the per-case metrics and the summary to this .csv or .json file" };
        var noSurface = new Option<bool>("--no-surface-distances") { Description = "Skip HD95 and ASSD (faster on large volumes)" };
        var labels = new Option<string?>("--labels") { Description = LabelOption.Help + "; with --predictions only (a model brings its own)" };
        var html = HtmlReportSession.CreateOption();
        var command = new Command("evaluate", "Score a model or existing masks against labels (Dice, IoU, HD95, ASSD; per class)");
        foreach (var option in new Option[] { data, predictions, report, noSurface, labels, html })
        {
            command.Options.Add(option);
        }

        model.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var location = parse.GetValue(data) ?? (smoke ? "synthetic:1" : throw new ArgumentException("--data is required (or use --smoke)."));
            var reportPath = parse.GetValue(report);
            if (reportPath is not null && MetricsReport.FormatOf(reportPath) is null)
            {
                throw new ArgumentException($"--report {reportPath}: use a .csv or .json file name.");
            }

            var predictionFolder = parse.GetValue(predictions);
            if (predictionFolder is not null && !Directory.Exists(predictionFolder))
            {
                throw new DirectoryNotFoundException($"The predictions folder {Path.GetFullPath(predictionFolder)} does not exist.");
            }

            var labelText = parse.GetValue(labels);
            if (labelText is not null && predictionFolder is null)
            {
                throw new ArgumentException("--labels applies to --predictions; a model's segmentations carry its own labels.");
            }

            var predictionLabels = LabelOption.Parse(labelText);
            var source = await DataLocations.OpenAsync(new VolumeSourceFactory(), location, requireLabels: true, cancellationToken);
            var includeSurfaceDistances = !parse.GetValue(noSurface);
            PerClassMetricAggregator? aggregator = null;
            var modelPath = parse.GetValue(model.Model) ?? parse.GetValue(model.Weights);
            await using var htmlReport = HtmlReportSession.Start(
                parse.GetValue(html), "Evaluation", $"data {location} · {(predictionFolder is null ? "model " + (modelPath ?? "none") : "masks from " + predictionFolder)}", modelPath);
            IServiceProvider? services = null;
            try
            {
                if (predictionFolder is null)
                {
                    TorchBackend.EnsureLoaded();
                    var first = await source.LoadAsync(source.CaseIds[0], cancellationToken);
                    services = model.BuildSegmenterServices(parse, parse.GetValue(model.InputChannels) ?? first.Image.Channels, smoke ? "tiny_o_net" : null);
                    SegmentCommand.WarnWithoutWeights(parse.GetValue(model.Weights) ?? parse.GetValue(model.Model), smoke);
                }

                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var bar = context.AddTask("evaluating", maxValue: source.CaseIds.Count);
                        foreach (var id in source.CaseIds)
                        {
                            var volumeCase = await source.LoadAsync(id, cancellationToken);
                            var reference = volumeCase.Label ?? throw new InvalidVolumeException(id, "the case has no label to evaluate against");
                            var (prediction, caseLabels) = predictionFolder is null
                                ? Unpack(await ModelOptions.Segmenter(services!).SegmentAsync(volumeCase, cancellationToken: cancellationToken))
                                : (await ReadPredictionAsync(predictionFolder, id, cancellationToken), predictionLabels);
                            aggregator ??= new PerClassMetricAggregator(caseLabels, includeSurfaceDistances);
                            if (!SameClasses(aggregator.Labels, caseLabels))
                            {
                                throw new InvalidOperationException($"Case '{id}' was segmented with the labels {caseLabels}, the earlier cases with {aggregator.Labels}.");
                            }

                            var caseMetrics = aggregator.Update(prediction, reference, id);
                            if (htmlReport is not null)
                            {
                                // The report shows label values of the model's set: a collapsing set turns e.g. 0/4/5/6 into 0/1.
                                var canonical = caseLabels.ToLabelValues(caseLabels.ToClassIndices(reference, id));
                                await htmlReport.AddAsync(
                                    new HtmlReportCase
                                    {
                                        Id = id,
                                        Scan = volumeCase.Image,
                                        Prediction = caseLabels.ToLabelValues(caseLabels.ToClassIndices(prediction, id)),
                                        Reference = canonical,
                                        Metrics = [.. caseMetrics.Classes.SelectMany(c => ReportMetrics.FromCaseMetrics(c.Metrics, c.Name))],
                                    },
                                    caseLabels,
                                    cancellationToken);
                            }

                            bar.Increment(1);
                        }
                    });
            }
            finally
            {
                (services as IDisposable)?.Dispose();
            }

            if (aggregator is null)
            {
                throw new InvalidOperationException($"{location} holds no cases to evaluate.");
            }

            var cases = aggregator.GetCases();
            var summary = aggregator.Aggregate();
            AnsiConsole.Write(CaseTable(cases, summary, aggregator.Labels));
            if (!aggregator.Labels.IsBinary)
            {
                AnsiConsole.Write(ClassTable(summary));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean Dice {summary.Mean.Dice.Mean:F4} over {summary.CaseCount} case(s)"));
            if (reportPath is not null)
            {
                await MetricsReport.WriteAsync(reportPath, cases, summary, aggregator.Labels, cancellationToken);
                Console.WriteLine($"Wrote report {Path.GetFullPath(reportPath)}");
            }

            if (htmlReport is not null)
            {
                await htmlReport.CompleteAsync(cancellationToken);
            }

            return 0;
        }));
        return command;
    }

    private static async Task<LabelVolume> ReadPredictionAsync(string folder, string id, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { $"{id}_mask.nii.gz", $"{id}_mask.nii", $"{id}.nii.gz", $"{id}.nii", $"{id}_mask.mha", $"{id}.mha" })
        {
            var path = Path.Combine(folder, name);
            if (File.Exists(path))
            {
                return await VolumeFile.ReadLabelsAsync(path, cancellationToken: cancellationToken);
            }
        }

        throw new FileNotFoundException($"No prediction for case '{id}' in {Path.GetFullPath(folder)} (looked for {id}_mask.nii.gz, {id}.nii.gz, …).");
    }

    private static (LabelVolume Mask, LabelSet Labels) Unpack(SegmentationResult result) => (result.Mask, result.Labels);

    private static bool SameClasses(LabelSet a, LabelSet b) =>
        a.CollapseForeground == b.CollapseForeground && a.Labels.SequenceEqual(b.Labels);

    /// <summary>One row per case: the metrics (the mean over classes for multi-class models) and, with several classes, each class's Dice.</summary>
    private static Table CaseTable(IReadOnlyList<PerClassMetrics> cases, PerClassAggregatedMetrics summary, LabelSet labels)
    {
        var multiClass = !labels.IsBinary;
        var table = new Table().AddColumns(multiClass
            ? ["case", "mean Dice", "mean IoU", "mean HD95 (mm)", "mean ASSD (mm)", .. summary.Classes.Select(c => Markup.Escape($"Dice {c.Name} ({c.Value})"))]
            : ["case", "Dice", "IoU", "HD95 (mm)", "ASSD (mm)"]);
        foreach (var c in cases)
        {
            var m = c.Mean;
            table.AddRow([Markup.Escape(c.CaseId ?? ""), F(m.Dice), F(m.IntersectionOverUnion), F(m.HausdorffDistance95), F(m.AverageSymmetricSurfaceDistance),
                .. multiClass ? c.Classes.Select(k => F(k.Metrics.Dice)) : []]);
        }

        var mean = summary.Mean;
        table.AddRow(["[bold]mean ± sd[/]", MeanSd(mean.Dice), MeanSd(mean.IntersectionOverUnion), MeanSd(mean.HausdorffDistance95), MeanSd(mean.AverageSymmetricSurfaceDistance),
            .. multiClass ? summary.Classes.Select(k => MeanSd(k.Metrics.Dice)) : []]);
        return table;
    }

    /// <summary>One row per class: mean ± sd of each metric over the cases.</summary>
    private static Table ClassTable(PerClassAggregatedMetrics summary)
    {
        var table = new Table().AddColumns("class", "value", "Dice", "IoU", "HD95 (mm)", "ASSD (mm)");
        foreach (var c in summary.Classes)
        {
            var m = c.Metrics;
            table.AddRow(Markup.Escape(c.Name), c.Value.ToString(CultureInfo.InvariantCulture), MeanSd(m.Dice), MeanSd(m.IntersectionOverUnion), MeanSd(m.HausdorffDistance95), MeanSd(m.AverageSymmetricSurfaceDistance));
        }

        return table;
    }

    private static string F(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Mean ± sd of the finite values; cases with an infinite value (a class missed or hallucinated) are counted after it.</summary>
    private static string MeanSd(MetricSummary summary)
    {
        var infinite = summary.NonFiniteCount > 0 ? string.Create(CultureInfo.InvariantCulture, $" (+{summary.NonFiniteCount} ∞)") : "";
        return summary.FiniteCount == 0
            ? infinite.TrimStart()
            : string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:F3} ± {(double.IsNaN(summary.StandardDeviation) ? 0 : summary.StandardDeviation):F3}{infinite}");
    }
}
