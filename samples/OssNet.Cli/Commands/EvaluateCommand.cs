// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.Volumes;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet evaluate</c>: scores a model (or existing masks) against labels: Dice, IoU, HD95, ASSD per case and
/// their mean ± standard deviation, as a table and a CSV or JSON report.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new Option<string?>("--data") { Description = "Labelled data: " + DataLocations.Help };
        var predictions = new Option<string?>("--predictions") { Description = "Score the masks in this folder (<case>_mask.nii.gz or <case>.nii.gz) instead of running a model" };
        var report = new Option<string?>("--report") { Description = "Write the per-case metrics and the summary to this .csv or .json file" };
        var noSurface = new Option<bool>("--no-surface-distances") { Description = "Skip HD95 and ASSD (faster on large volumes)" };
        var html = HtmlReportSession.CreateOption();
        var command = new Command("evaluate", "Score a model or existing masks against labels (Dice, IoU, HD95, ASSD)");
        foreach (var option in new Option[] { data, predictions, report, noSurface, html })
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

            var source = await DataLocations.OpenAsync(new VolumeSourceFactory(), location, requireLabels: true, cancellationToken);
            var aggregator = new MetricAggregator(includeSurfaceDistances: !parse.GetValue(noSurface));
            await using var htmlReport = HtmlReportSession.Start(
                parse.GetValue(html), "Evaluation", $"data {location} · {(predictionFolder is null ? "weights " + (parse.GetValue(model.Weights) ?? "none") : "masks from " + predictionFolder)}", parse.GetValue(model.Weights));
            IServiceProvider? services = null;
            try
            {
                if (predictionFolder is null)
                {
                    TorchBackend.EnsureLoaded();
                    var first = await source.LoadAsync(source.CaseIds[0], cancellationToken);
                    services = model.BuildSegmenterServices(parse, parse.GetValue(model.InputChannels) ?? first.Image.Channels, smoke ? "tiny_o_net" : null);
                    SegmentCommand.WarnWithoutWeights(parse.GetValue(model.Weights), smoke);
                }

                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                    .StartAsync(async context =>
                    {
                        var bar = context.AddTask("evaluating", maxValue: source.CaseIds.Count);
                        foreach (var id in source.CaseIds)
                        {
                            var volumeCase = await source.LoadAsync(id, cancellationToken);
                            var reference = volumeCase.Label?.ToBinary() ?? throw new InvalidVolumeException(id, "the case has no label to evaluate against");
                            var prediction = predictionFolder is null
                                ? (await ModelOptions.Segmenter(services!).SegmentAsync(volumeCase, cancellationToken: cancellationToken)).Mask
                                : await ReadPredictionAsync(predictionFolder, id, cancellationToken);
                            var caseMetrics = SegmentationMetrics.Compute(prediction, reference, aggregator.IncludeSurfaceDistances) with { CaseId = id };
                            aggregator.Update(caseMetrics);
                            if (htmlReport is not null)
                            {
                                var labels = LabelSet.Binary();
                                await htmlReport.AddAsync(
                                    new HtmlReportCase { Id = id, Scan = volumeCase.Image, Prediction = prediction.ToBinary(), Reference = reference, Metrics = ReportMetrics.FromCaseMetrics(caseMetrics, labels.NameOf(1)) },
                                    labels,
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

            var cases = aggregator.GetCases();
            var summary = aggregator.Aggregate();
            var table = new Table().AddColumns("case", "Dice", "IoU", "HD95 (mm)", "ASSD (mm)");
            foreach (var c in cases)
            {
                table.AddRow(Markup.Escape(c.CaseId ?? ""), F(c.Dice), F(c.IntersectionOverUnion), F(c.HausdorffDistance95), F(c.AverageSymmetricSurfaceDistance));
            }

            table.AddRow("[bold]mean ± sd[/]", MeanSd(summary.Dice), MeanSd(summary.IntersectionOverUnion), MeanSd(summary.HausdorffDistance95), MeanSd(summary.AverageSymmetricSurfaceDistance));
            AnsiConsole.Write(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean Dice {summary.Dice.Mean:F4} over {summary.CaseCount} case(s)"));
            if (reportPath is not null)
            {
                await MetricsReport.WriteAsync(reportPath, cases, summary, cancellationToken);
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
                return (await VolumeFile.ReadLabelsAsync(path, cancellationToken: cancellationToken)).ToBinary();
            }
        }

        throw new FileNotFoundException($"No prediction for case '{id}' in {Path.GetFullPath(folder)} (looked for {id}_mask.nii.gz, {id}.nii.gz, …).");
    }

    private static string F(double? value) => value?.ToString("F3", CultureInfo.InvariantCulture) ?? "";

    private static string MeanSd(MetricSummary summary) =>
        summary.FiniteCount == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:F3} ± {(double.IsNaN(summary.StandardDeviation) ? 0 : summary.StandardDeviation):F3}");
}
