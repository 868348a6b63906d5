// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Orleans;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.TorchSharp.Interop;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet segment</c>: segments every case of a location and writes <c>&lt;case&gt;_mask.nii.gz</c> files.</summary>
internal static class SegmentCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var input = new Option<string?>("--input") { Description = "Volumes to segment: " + DataLocations.Help };
        var output = new Option<string?>("--output") { Description = "Folder for the masks (<case>_mask.nii.gz)" };
        var html = HtmlReportSession.CreateOption();
        var command = new Command("segment", "Segment volumes and write the masks as NIfTI");
        command.Options.Add(input);
        command.Options.Add(output);
        command.Options.Add(html);
        model.AddTo(command);

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var location = parse.GetValue(input) ?? (smoke ? "synthetic:1" : throw new ArgumentException("--input is required (or use --smoke)."));
            var outputFolder = parse.GetValue(output) ?? (smoke
                ? Path.Combine(Path.GetTempPath(), $"ossnet-smoke-masks-{Environment.ProcessId}")
                : throw new ArgumentException("--output is required: the folder for the masks."));
            TorchBackend.EnsureLoaded();
            var source = await DataLocations.OpenAsync(new VolumeSourceFactory(), location, requireLabels: false, cancellationToken);
            var first = await source.LoadAsync(source.CaseIds[0], cancellationToken);
            using var services = model.BuildSegmenterServices(
                parse, parse.GetValue(model.InputChannels) ?? first.Image.Channels, smoke ? "tiny_o_net" : null);
            var segmenter = ModelOptions.Segmenter(services);
            WarnWithoutWeights(parse.GetValue(model.Weights) ?? parse.GetValue(model.Model), smoke);
            Directory.CreateDirectory(outputFolder);
            await using var htmlReport = HtmlReportSession.Start(
                parse.GetValue(html), "Segmentation", $"data {location} · model {segmenter.ModelName} · weights {parse.GetValue(model.Weights) ?? "none"}", parse.GetValue(model.Weights));

            var table = new Table().AddColumns("case", "grid", "foreground voxels", "queried", "seconds", "mask");
            await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask($"segmenting with {segmenter.ModelName}", maxValue: source.CaseIds.Count);
                    foreach (var id in source.CaseIds)
                    {
                        var volumeCase = await source.LoadAsync(id, cancellationToken);
                        var result = await segmenter.SegmentAsync(volumeCase, cancellationToken: cancellationToken);
                        var maskPath = MaskFiles.PathFor(outputFolder, id);
                        await VolumeFile.WriteAsync(maskPath, result.Mask, cancellationToken);
                        if (htmlReport is not null)
                        {
                            ReportMetric[] numbers =
                            [
                                .. ReportMetrics.ClassVolumes(result.Mask, result.Labels),
                                new("seconds", result.Statistics.Elapsed.TotalSeconds),
                                new("queried (%)", result.Statistics.QueriedFraction * 100),
                            ];
                            await htmlReport.AddAsync(new HtmlReportCase { Id = id, Scan = volumeCase.Image, Prediction = result.Mask, Metrics = numbers }, result.Labels, cancellationToken);
                        }
                        table.AddRow(
                            Markup.Escape(id),
                            volumeCase.Image.Shape.ToString(),
                            result.Mask.CountForeground().ToString(CultureInfo.InvariantCulture),
                            result.Statistics.QueriedFraction.ToString("P1", CultureInfo.InvariantCulture),
                            result.Statistics.Elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture),
                            Markup.Escape(Path.GetFileName(maskPath)));
                        bar.Increment(1);
                    }
                });

            AnsiConsole.Write(table);
            Console.WriteLine($"Segmented {source.CaseIds.Count} case(s); masks in {Path.GetFullPath(outputFolder)}");
            if (htmlReport is not null)
            {
                await htmlReport.CompleteAsync(cancellationToken);
            }
            if (smoke)
            {
                Directory.Delete(outputFolder, recursive: true);
            }

            return 0;
        }));
        return command;
    }

    internal static void WarnWithoutWeights(string? weights, bool smoke)
    {
        if (weights is null && !smoke)
        {
            Console.Error.WriteLine("ossnet: warning: neither --model nor --weights given; the model is untrained and its masks are meaningless.");
        }
    }
}
