// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using System.Globalization;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli.Commands;

/// <summary><c>ossnet plan</c>: reads every training case and writes the dataset plan (orientation, crop, spacing, grid,
/// normalisation, labels) as JSON, printing it in words.</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "Training data: " + DataLocations.Help };
        var output = new Option<string>("--output") { Description = "The plan file to write", DefaultValueFactory = _ => "plan.json" };
        var spacing = new Option<string?>("--target-spacing") { Description = "Use this voxel spacing in mm, X,Y,Z in RAS order (e.g. 1,1,1.5) instead of the data's median" };
        var grid = new Option<string?>("--grid") { Description = "Use this model grid XxYxZ (multiples of --grid-multiple) instead of the derived one" };
        var budget = new Option<long?>("--max-grid-voxels") { Description = $"The memory budget of a derived grid in voxels (default {DatasetPlannerOptions.DefaultMaxGridVoxels:N0} = 128³)" };
        var multiple = new Option<int?>("--grid-multiple") { Description = "Round grid extents up to this multiple (default 32)" };
        var percentile = new Option<double?>("--extent-percentile") { Description = "Size the grid for this per-axis percentile of the cropped cases (default 100: the largest; 50: the median)" };
        var modality = new Option<ImageModality?>("--modality") { Description = "Plan every channel as this modality (Ct, Mri, Unknown) instead of detecting it" };
        var margin = new Option<int?>("--crop-margin") { Description = "Voxels kept around the body's non-zero box (default 2)" };
        var command = new Command("plan", "Plan preprocessing from the data: orientation, body crop, target spacing, model grid, normalisation, labels");
        foreach (var option in new Option[] { data, output, spacing, grid, budget, multiple, percentile, modality, margin })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => CliErrors.RunAsync(async () =>
        {
            var smoke = parse.GetValue(CommonOptions.Smoke);
            var location = parse.GetValue(data) ?? (smoke ? "synthetic:2" : throw new ArgumentException("--data is required (or use --smoke)."));
            var defaults = new DatasetPlannerOptions();
            var options = new DatasetPlannerOptions
            {
                TargetSpacing = parse.GetValue(spacing) is { } s ? ParseSpacing(s) : null,
                GridShape = parse.GetValue(grid) is { } g ? ParseGrid(g) : null,
                MaxGridVoxels = parse.GetValue(budget) ?? defaults.MaxGridVoxels,
                GridMultiple = parse.GetValue(multiple) ?? defaults.GridMultiple,
                ExtentPercentile = parse.GetValue(percentile) ?? defaults.ExtentPercentile,
                Modality = parse.GetValue(modality),
                CropMarginVoxels = parse.GetValue(margin) ?? defaults.CropMarginVoxels,
            };
            options.Validate();
            var source = await DataLocations.OpenAsync(new VolumeSourceFactory(), location, requireLabels: false, cancellationToken);
            Console.WriteLine($"Planning from {source.CaseIds.Count} case(s) of {source.Name} …");
            var plan = await DatasetPlanner.PlanAsync(source, options, cancellationToken);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await plan.SaveAsync(path, cancellationToken);
            Console.Write(plan.Describe());
            Console.WriteLine($"Saved the plan to {path}");
            return 0;
        }));
        return command;
    }

    private static (double X, double Y, double Z) ParseSpacing(string text)
    {
        var parts = text.Split([',', 'x', 'X'], StringSplitOptions.TrimEntries);
        var values = parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v) ? v : double.NaN).ToArray();
        return values.Length == 3 && values.All(double.IsFinite)
            ? (values[0], values[1], values[2])
            : throw new ArgumentException($"--target-spacing '{text}' must be three positive numbers in mm, X,Y,Z, e.g. 1,1,1.5.");
    }

    private static VolumeShape ParseGrid(string text)
    {
        var parts = text.Split(['x', 'X', ','], StringSplitOptions.TrimEntries);
        var values = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : -1).ToArray();
        return values.Length == 3 && values.All(v => v > 0)
            ? new VolumeShape(values[0], values[1], values[2])
            : throw new ArgumentException($"--grid '{text}' must be XxYxZ with positive extents, e.g. 128x128x96.");
    }
}
