// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.DependencyInjection;
using OssNet.Sdk.DependencyInjection.Training;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet train</c>: trains an OSS-Net preset on a labelled dataset and writes its weights.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var model = new ModelOptions();
        var data = new Option<string?>("--data") { Description = "Labelled training data: " + DataLocations.Help };
        var validation = new Option<string?>("--validation") { Description = "Labelled validation data (same forms as --data)" };
        var output = new Option<string?>("--output") { Description = "Weights file to write (.dat, .pt or .safetensors)" };
        var epochs = new Option<int>("--epochs") { Description = "Epochs", DefaultValueFactory = _ => 10 };
        var batchSize = new Option<int>("--batch-size") { Description = "Volumes per step", DefaultValueFactory = _ => 2 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Learning rate", DefaultValueFactory = _ => 5e-3 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam or lookahead-radam (the reference's)", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "lookahead-radam");
        var points = new Option<int>("--points") { Description = "Points sampled per volume and step", DefaultValueFactory = _ => 1024 };
        var borderShare = new Option<double>("--border-share") { Description = "Share of points drawn near the label surface, [0, 1]", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, shuffling, sampling, augmentation and dropout", DefaultValueFactory = _ => 0 };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Folder for last.ckpt/best.ckpt (resumes from last.ckpt)" };

        var command = new Command("train", "Train an OSS-Net preset on labelled volumes and write its weights");
        model.AddTo(command, inference: false);
        foreach (var option in new Option[] { data, validation, output, epochs, batchSize, learningRate, optimizer, points, borderShare, seed, checkpoints })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var dataLocation = parse.GetValue(data) ?? (smoke ? "synthetic:2" : throw new ArgumentException("--data is required (or use --smoke)."));
            var outputPath = parse.GetValue(output) ?? (smoke
                ? Path.Combine(Path.GetTempPath(), $"ossnet-smoke-{Environment.ProcessId}.dat")
                : throw new ArgumentException("--output is required: the weights file to write."));
            TorchBackend.EnsureLoaded();
            using var services = new ServiceCollection().AddOssNet().Services.BuildServiceProvider();
            var factory = services.GetRequiredService<IVolumeSourceFactory>();
            var training = await DataLocations.OpenAsync(factory, dataLocation, requireLabels: true, cancellationToken);
            var validationSource = parse.GetValue(validation) is { } v ? await DataLocations.OpenAsync(factory, v, requireLabels: true, cancellationToken) : null;
            var first = await training.LoadAsync(training.CaseIds[0], cancellationToken);
            var architecture = model.Architecture(parse, parse.GetValue(model.InputChannels) ?? first.Image.Channels);
            architecture.Seed = parse.GetValue(seed); // the initial weights too: the same command writes the same weights
            var preprocessing = PreprocessingPresets.Create(parse.GetValue(model.Preprocessing)!, architecture.FullResolutionShape);
            var trainerOptions = new TrainerOptions
            {
                Epochs = smoke ? 1 : parse.GetValue(epochs),
                BatchSize = Math.Min(parse.GetValue(batchSize), training.CaseIds.Count),
                LearningRate = parse.GetValue(learningRate),
                Optimizer = parse.GetValue(optimizer) == "adam" ? OptimizerKind.Adam : OptimizerKind.LookaheadRAdam,
                LearningRateMilestones = [],
                ValidateEveryEpochs = 5,
                Seed = parse.GetValue(seed),
                CheckpointDirectory = parse.GetValue(checkpoints),
                CachePreparedCases = training.CaseIds.Count <= 16,
            };
            var taskOptions = new OccupancyTrainingOptions
            {
                Preprocessing = preprocessing,
                PointsPerVolume = smoke ? 256 : parse.GetValue(points),
                BorderShare = parse.GetValue(borderShare),
                ValidationPointsPerVolume = smoke ? 2048 : 16384,
            };

            AnsiConsole.MarkupLine($"Training [bold]{Markup.Escape(architecture.Name)}[/] ({architecture.InputChannels} channels, grid {architecture.FullResolutionShape}) " +
                $"on {Markup.Escape(training.Name)}: {training.CaseIds.Count} case(s), {trainerOptions.Epochs} epoch(s)");
            var ossNet = OssNetModel.Create(architecture);
            using var task = new OccupancyTrainingTask(ossNet, taskOptions);
            var trainer = services.GetRequiredService<ISegmentationTrainerFactory>().Create(task, trainerOptions);
            var summary = await AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var bar = context.AddTask("training", maxValue: 1.0);
                    var progress = new SynchronousProgress<TrainingProgress>(p =>
                    {
                        bar.Value = p.Fraction;
                        bar.Description = string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} loss {p.Loss:F3}");
                    });
                    var result = await trainer.TrainAsync(training, validationSource, progress, cancellationToken);
                    bar.Value = 1.0;
                    return result;
                });

            var table = new Table().AddColumns("epoch", "mean loss", "validation Dice", "seconds");
            foreach (var epoch in summary.History)
            {
                table.AddRow(
                    epoch.Epoch.ToString(CultureInfo.InvariantCulture),
                    epoch.MeanLoss.ToString("F4", CultureInfo.InvariantCulture),
                    epoch.ValidationDice?.ToString("F3", CultureInfo.InvariantCulture) ?? "",
                    epoch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
            Directory.CreateDirectory(directory!);
            ossNet.SaveWeights(outputPath);
            Console.WriteLine($"Saved weights of '{architecture.Name}' ({architecture.InputChannels} channels) to {Path.GetFullPath(outputPath)}");
            if (smoke)
            {
                File.Delete(outputPath);
            }

            return 0;
        }));
        return command;
    }
}
