// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.Volumes;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet benchmark</c>: times segmentation of a synthetic volume and reports points queried and peak memory.</summary>
internal static class BenchmarkCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var shape = new Option<string?>("--shape") { Description = "Volume size XxYxZ (default: the model's grid)" };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs after one warm-up", DefaultValueFactory = _ => 3 };
        var report = new Option<string?>("--report") { Description = "Write the results to this .json file" };
        var command = new Command("benchmark", "Time segmentation of a synthetic brain phantom: wall time, points queried, peak memory");
        command.Options.Add(shape);
        command.Options.Add(repeat);
        command.Options.Add(report);
        model.AddTo(command);

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var runs = smoke ? 1 : parse.GetValue(repeat);
            if (runs < 1)
            {
                throw new ArgumentException($"--repeat {runs} must be at least 1.");
            }

            TorchBackend.EnsureLoaded();
            var presetOverride = smoke ? "tiny_o_net" : null;
            var channels = parse.GetValue(model.InputChannels) ?? 4;
            var architecture = model.Architecture(parse, channels, presetOverride);
            var volumeShape = parse.GetValue(shape) is { } text ? ParseShape(text) : architecture.FullResolutionShape;
            var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Seed = 1, Shape = volumeShape });
            if (channels != phantom.Image.Channels)
            {
                phantom = phantom with { Image = new Volume(phantom.Image.Geometry, 1, phantom.Image.Channel(0)) };
                if (channels != 1)
                {
                    throw new ArgumentException($"--input-channels {channels}: the benchmark phantom has 4 channels (or 1, FLAIR only).");
                }
            }

            var build = Stopwatch.StartNew();
            // The smoke budget's model is untrained: a high threshold stops it after the first (stride-4) stage.
            using var services = model.BuildSegmenterServices(parse, channels, presetOverride, smoke ? 0.9 : null);
            var segmenter = ModelOptions.Segmenter(services);
            var buildSeconds = build.Elapsed.TotalSeconds;
            SegmentCommand.WarnWithoutWeights(parse.GetValue(model.Weights), smoke);

            var seconds = new List<double>();
            var last = await segmenter.SegmentAsync(phantom, cancellationToken: cancellationToken); // warm-up
            for (var i = 0; i < runs; i++)
            {
                var clock = Stopwatch.StartNew();
                last = await segmenter.SegmentAsync(phantom, cancellationToken: cancellationToken);
                seconds.Add(clock.Elapsed.TotalSeconds);
            }

            seconds.Sort();
            var median = seconds[seconds.Count / 2];
            var peak = ProcessMemory.PeakResidentBytes();
            var table = new Table().AddColumns("model", "volume", "model grid", "build (s)", "median (s)", "min (s)", "points queried", "queried", "peak RSS (MiB)");
            table.AddRow(
                Markup.Escape(segmenter.ModelName), volumeShape.ToString(), architecture.FullResolutionShape.ToString(),
                F(buildSeconds), F(median), F(seconds[0]),
                last.Statistics.PointsQueried.ToString("N0", CultureInfo.InvariantCulture),
                last.Statistics.QueriedFraction.ToString("P1", CultureInfo.InvariantCulture),
                peak is { } p ? (p / 1048576.0).ToString("F0", CultureInfo.InvariantCulture) : "n/a");
            AnsiConsole.Write(table);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Benchmark: {segmenter.ModelName} on {volumeShape}: median {median:F3} s over {runs} run(s), {last.Statistics.PointsQueried} points queried"));
            if (parse.GetValue(report) is { } reportPath)
            {
                var json = JsonSerializer.Serialize(new
                {
                    model = segmenter.ModelName,
                    volume = volumeShape.ToString(),
                    runs,
                    buildSeconds,
                    medianSeconds = median,
                    minSeconds = seconds[0],
                    pointsQueried = last.Statistics.PointsQueried,
                    queriedFraction = last.Statistics.QueriedFraction,
                    peakResidentBytes = peak,
                    threads = global::TorchSharp.torch.get_num_threads(),
                });
                await File.WriteAllTextAsync(reportPath, json, cancellationToken);
                Console.WriteLine($"Wrote report {Path.GetFullPath(reportPath)}");
            }

            return 0;
        }));
        return command;
    }

    private static VolumeShape ParseShape(string text)
    {
        var parts = text.Split('x', 'X', '×');
        return parts.Length == 3 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 16 && v <= 1024)
            ? new VolumeShape(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture))
            : throw new ArgumentException($"--shape '{text}' must be XxYxZ with every extent in 16..1024, e.g. 64x64x32.");
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
