// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using OssNet.Cli.Training;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Reporting.Curves;
using OssNet.Sdk.TorchSharp.Devices;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Volumes;
using Spectre.Console;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet train</c>: plans the data, trains a model of any family and writes a self-describing model file.</summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Labelled training data: " + DataLocations.Help };
        var output = new Option<string?>("--output")
        {
            Description = "The model file to write (.ossnet: architecture, plan, labels and weights in one file); " +
                ".dat/.pt/.safetensors write bare weights that need explicit options later",
        };
        var family = new Option<string>("--family") { Description = "oss-net, o-net, unet-3d or unet-2d", DefaultValueFactory = _ => "oss-net" };
        family.AcceptOnlyFromAmong([.. ModelFamilies.Names]);
        var variant = new Option<string>("--variant") { Description = "OSS-Net variant A, B, C or D (the paper's)", DefaultValueFactory = _ => "C" };
        variant.AcceptOnlyFromAmong("A", "B", "C", "D", "a", "b", "c", "d");
        var preset = new Option<string?>("--preset")
        {
            Description = "An OSS-Net/O-Net preset instead of a model sized to the plan: tiny, tiny_o_net or a reference config such as oss_net_full_bra_ts (its grid becomes the plan's)",
        };
        var planFile = new Option<string?>("--plan") { Description = "A plan written by 'ossnet plan' (default: plan the training data now)" };
        var maxGridVoxels = new Option<long?>("--max-grid-voxels") { Description = "Memory budget of the planned grid in voxels (default 128³ = 2,097,152)" };
        var width = new Option<int>("--width")
        {
            Description = "Width of the occupancy decoder's blocks (default 128, sized for CPU budgets; the paper's: 512)",
            DefaultValueFactory = _ => 128,
        };
        var minutes = new Option<double?>("--minutes") { Description = "Wall-clock budget: stop after the epoch that passes it, and save" };
        var epochs = new Option<int?>("--epochs") { Description = "Epochs (default 50; with --minutes, as many as fit)" };
        var batchSize = new Option<int>("--batch-size") { Description = "Volumes per step", DefaultValueFactory = _ => 2 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Initial learning rate", DefaultValueFactory = _ => 1e-3 };
        var schedule = new Option<string>("--schedule")
        {
            Description = "poly: rate·(1 − progress)^0.9, progress by epochs or by the --minutes budget (nnU-Net's); multistep: ×0.1 after 40 % and 60 % of the epochs (the reference's); constant",
            DefaultValueFactory = _ => "poly",
        };
        schedule.AcceptOnlyFromAmong("poly", "multistep", "constant");
        var optimizer = new Option<string>("--optimizer") { Description = "adam or lookahead-radam (the reference's)", DefaultValueFactory = _ => "adam" };
        optimizer.AcceptOnlyFromAmong("adam", "lookahead-radam");
        var points = new Option<int>("--points") { Description = "Points sampled per volume and step (occupancy models)", DefaultValueFactory = _ => 16384 };
        var borderShare = new Option<double>("--border-share") { Description = "Share of points drawn near class borders, [0, 1]", DefaultValueFactory = _ => 0.5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial weights, shuffling, sampling and augmentation", DefaultValueFactory = _ => 0 };
        var validation = new Option<string?>("--validation") { Description = "Labelled validation data (same forms as --data)" };
        var validationSplit = new Option<double?>("--validation-split")
        {
            Description = "Share of the training cases held out for validation (default 0.2 with 5 or more cases, else none)",
        };
        var validateEvery = new Option<int>("--validate-every") { Description = "Validate every N epochs (and after the last)", DefaultValueFactory = _ => 5 };
        var checkpoints = new Option<string?>("--checkpoints") { Description = "Folder for last.ckpt/best.ckpt and their model.json (resumes from last.ckpt)" };
        var maxShift = new Option<int?>("--max-shift")
        {
            Description = "Translation augmentation of occupancy models: shift each training volume by up to N voxels per axis (default 1/8 of the grid's smallest extent; 0: off)",
        };
        var binary = new Option<bool>("--binary") { Description = "Collapse every non-zero label into one foreground class (whole tumour, whole organ)" };
        var device = new Option<string>("--device") { Description = "cpu, auto, cuda or cuda:N", DefaultValueFactory = _ => "cpu" };

        var command = new Command("train", "Plan the data, train a model of any family and write a self-describing model file");
        foreach (var option in new Option[]
        {
            data, output, family, variant, preset, planFile, maxGridVoxels, width, minutes, epochs, batchSize, learningRate, schedule,
            optimizer, points, borderShare, seed, validation, validationSplit, validateEvery, checkpoints, maxShift, binary, device,
        })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var dataLocation = parse.GetValue(data) ?? (smoke ? "synthetic:2" : throw new ArgumentException("--data is required (or use --smoke)."));
            var outputPath = parse.GetValue(output) ?? (smoke
                ? Path.Combine(Path.GetTempPath(), $"ossnet-smoke-{Environment.ProcessId}{ModelFile.Extension}")
                : throw new ArgumentException("--output is required: the model file to write (e.g. model.ossnet)."));
            var budget = parse.GetValue(minutes) is { } m
                ? m > 0 ? TimeSpan.FromMinutes(m) : throw new ArgumentException($"--minutes must be positive; got {m}.")
                : (TimeSpan?)null;
            TorchBackend.EnsureLoaded();
            var torchDevice = DeviceSelector.Resolve(DeviceOption.Parse(parse.GetValue(device)!));
            var runSeed = parse.GetValue(seed);
            var choice = new FamilyChoice(
                ModelFamilies.Parse(parse.GetValue(family)!),
                Enum.Parse<OssNetVariant>(parse.GetValue(variant)!, ignoreCase: true),
                parse.GetValue(preset) ?? (smoke ? "tiny" : null),
                smoke ? 32 : parse.GetValue(width),
                runSeed,
                smoke ? 256 : parse.GetValue(points),
                parse.GetValue(borderShare),
                smoke ? 2048 : 65536,
                parse.GetValue(maxShift));

            var factory = new VolumeSourceFactory();
            var all = await DataLocations.OpenAsync(factory, dataLocation, requireLabels: true, cancellationToken);
            var (training, heldOut) = VolumeSourceSplit.Split(all, parse.GetValue(validationSplit) ?? (all.CaseIds.Count >= 5 ? 0.2 : 0), runSeed);
            var validationSource = parse.GetValue(validation) is { } v
                ? await DataLocations.OpenAsync(factory, v, requireLabels: true, cancellationToken)
                : heldOut;

            var plan = await PlanAsync(parse.GetValue(planFile), training, choice, parse.GetValue(maxGridVoxels), cancellationToken);
            if (parse.GetValue(binary))
            {
                plan = plan with { Labels = LabelSet.Binary() };
            }

            AnsiConsole.WriteLine(plan.Describe().TrimEnd());
            using var run = FamilyTraining.Create(choice, plan, torchDevice);
            if (parse.GetValue(checkpoints) is { } checkpointFolder)
            {
                // Checkpoints describe themselves too: 'segment --model <folder>/best.ckpt' reads this file.
                ModelFile.WriteDescription(Path.Combine(checkpointFolder, ModelFile.DescriptionName), run.Description);
            }

            var epochCount = smoke ? 1 : parse.GetValue(epochs) ?? (budget is null ? 50 : 100_000);
            var trainerOptions = new TrainerOptions
            {
                Epochs = epochCount,
                BatchSize = Math.Min(parse.GetValue(batchSize), training.CaseIds.Count),
                LearningRate = parse.GetValue(learningRate),
                Optimizer = parse.GetValue(optimizer) == "adam" ? OptimizerKind.Adam : OptimizerKind.LookaheadRAdam,
                Schedule = parse.GetValue(schedule) == "poly" ? LearningRateSchedule.Polynomial : LearningRateSchedule.MultiStep,
                LearningRateMilestones = parse.GetValue(schedule) == "multistep"
                    ? [Math.Max(1, (int)(epochCount * 0.4)), Math.Max(1, (int)(epochCount * 0.6))]
                    : [],
                TimeBudget = budget,
                ValidateEveryEpochs = parse.GetValue(validateEvery),
                Seed = runSeed,
                CheckpointDirectory = parse.GetValue(checkpoints),
                CachePreparedCases = training.CaseIds.Count <= 16,
            };

            AnsiConsole.MarkupLine(
                $"Training [bold]{Markup.Escape(run.Description.ModelName)}[/] on {torchDevice} with {training.CaseIds.Count} case(s) of {Markup.Escape(training.Name)}" +
                (validationSource is null ? string.Empty : $", validating on {validationSource.CaseIds.Count}") +
                (budget is { } b ? $", for {b.TotalMinutes:0.#} min" : $", {epochCount} epoch(s)"));
            var clock = Stopwatch.StartNew();
            var summary = await TrainingDisplay.RunAsync(new SegmentationTrainer(run.Task, trainerOptions), training, validationSource, budget, cancellationToken);

            var description = run.Description with
            {
                Training = new ModelTrainingSummary(
                    summary.EpochsCompleted, summary.FinalLoss, summary.BestValidationDice, summary.BestEpoch, clock.Elapsed.TotalMinutes,
                    training.CaseIds.Count, validationSource?.CaseIds.Count ?? 0, dataLocation, runSeed, torchDevice.ToString(),
                    summary.StoppedByTimeBudget, DateTimeOffset.UtcNow),
            };
            TrainingDisplay.WriteHistory(summary);
            Save(outputPath, description, run.Task.Model);
            var curves = await TrainingCurves.WriteAsync(
                Path.GetDirectoryName(Path.GetFullPath(outputPath))!, CurveRows(summary, description.Labels), cancellationToken);
            Console.WriteLine($"Wrote the training curves {curves.PngPath} and {curves.CsvPath}");
            if (smoke)
            {
                File.Delete(outputPath);
                File.Delete(curves.PngPath);
                File.Delete(curves.CsvPath);
            }

            return 0;
        }));
        return command;
    }

    private static async Task<DatasetPlan> PlanAsync(string? planPath, IVolumeSource training, FamilyChoice choice, long? maxGridVoxels, CancellationToken cancellationToken)
    {
        if (planPath is not null)
        {
            return await DatasetPlan.LoadAsync(planPath, cancellationToken);
        }

        var options = new DatasetPlannerOptions();
        if (choice.Preset is { } preset)
        {
            options.GridShape = OssNetPresets.FromName(preset).FullResolutionShape;
        }

        if (maxGridVoxels is { } voxels)
        {
            options.MaxGridVoxels = voxels;
        }

        return await DatasetPlanner.PlanAsync(training, options, cancellationToken);
    }

    /// <summary>The curves' rows: loss, learning rate and, when validated, the Dice of each foreground class by name.</summary>
    private static List<TrainingEpoch> CurveRows(TrainingSummary summary, LabelSet labels) =>
    [
        .. summary.History.Select(e => new TrainingEpoch(e.Epoch, e.MeanLoss)
        {
            LearningRate = e.LearningRate,
            ValidationDice = e.ValidationDicePerClass is { } perClass
                ? perClass.Select((dice, i) => (Name: labels.NameOf(i + 1), Dice: dice)).ToDictionary(p => p.Name, p => p.Dice)
                : e.ValidationDice is { } dice ? new Dictionary<string, double> { [labels.NameOf(1)] = dice } : null,
        }),
    ];

    private static void Save(string outputPath, ModelDescription description, TorchSharp.torch.nn.Module model)
    {
        if (ModelFile.IsModelFile(outputPath) && outputPath.EndsWith(ModelFile.Extension, StringComparison.OrdinalIgnoreCase))
        {
            ModelFile.Save(outputPath, description, model);
            Console.WriteLine($"Saved {description.ModelName} to {Path.GetFullPath(outputPath)} (segment with --model {outputPath})");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        Sdk.TorchSharp.Serialization.ModuleWeights.Save(model, outputPath);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Saved the weights of {description.ModelName} to {Path.GetFullPath(outputPath)}; they need the same architecture and preprocessing options to be used (write a {ModelFile.Extension} file to keep them together)"));
    }
}
