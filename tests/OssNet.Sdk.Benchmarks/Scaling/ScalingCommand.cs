// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using OssNet.Sdk.Benchmarks.Common;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>
/// <c>scaling</c>: peak memory and time of each model as the grid grows. Every configuration (model × grid × mode) runs
/// in its own child process (<c>scaling-child</c>) under <c>prlimit --as</c>; the child reports its VmHWM and timings as
/// JSON. A child that runs out of memory, fails or is killed at its deadline is reported with that status, never dropped.
/// </summary>
internal sealed class ScalingCommand : IBenchmarkCommand
{
    private const string DefaultSizes = "64,96,128,160,192,256x256x160";
    private const string DefaultBeyondSizes = "384x384x240";
    private const string DefaultModels = "unet3d,unet2d,onet,oss-c";
    private const string DefaultExtraModels = "oss-a,oss-b,oss-d";
    private const string DefaultOutput = "docs/benchmarks/data/scaling.json";

    public string Name => "scaling";

    public string Description => "peak memory (VmHWM) and time vs grid size per model, each configuration in a prlimit'ed child";

    public string Options =>
        $"--models ({DefaultModels})  --sizes ({DefaultSizes})  --modes (train,infer)  --extra-models ({DefaultExtraModels}: train at the largest size; 'none')  "
        + $"--budget MIN (30)  --max-config-minutes MIN (12)  --memory-cap GB (20)  --points N (16384)  --slices N (16)  --out FILE ({DefaultOutput})  "
        + $"--beyond-sizes ({DefaultBeyondSizes}: occupancy models only, last; 'none')  --smoke (tiny presets at 32³, < 60 s, JSON on stdout only)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var smoke = BenchmarkArguments.Has(arguments, "--smoke");
        var models = List(arguments, "--models", DefaultModels).Select(ScalingModel.Parse).ToList();
        var extraModels = List(arguments, "--extra-models", smoke ? "none" : DefaultExtraModels)
            .Where(m => m != "none").Select(ScalingModel.Parse).ToList();
        var sizes = List(arguments, "--sizes", smoke ? "32" : DefaultSizes).Select(GridSize.Parse).OrderBy(s => s.VoxelCount).ToList();
        var modes = List(arguments, "--modes", "train,infer").Select(ScalingMode.Parse).ToList();
        var beyondSizes = List(arguments, "--beyond-sizes", smoke ? "none" : DefaultBeyondSizes)
            .Where(s => s != "none").Select(GridSize.Parse).OrderBy(s => s.VoxelCount).ToList();
        var budgetMinutes = Double(arguments, "--budget", smoke ? 2 : 30);
        var maxConfigMinutes = Double(arguments, "--max-config-minutes", smoke ? 1 : 12);
        var capBytes = (long)(Double(arguments, "--memory-cap", 20) * 1e9);
        var points = BenchmarkArguments.GetInt(arguments, "--points", smoke ? 2048 : ScalingConfig.DefaultPoints);
        var slices = BenchmarkArguments.GetInt(arguments, "--slices", smoke ? 4 : ScalingConfig.DefaultSlices);
        var output = BenchmarkArguments.Get(arguments, "--out") ?? (smoke ? null : DefaultOutput);

        var plan = new List<ScalingConfig>();
        foreach (var size in sizes)
        {
            foreach (var model in models)
            {
                plan.AddRange(modes.Select(mode => new ScalingConfig(model, size, mode, smoke, points, slices, Seed: 1)));
            }
        }

        if (modes.Contains(ScalingMode.Train) && sizes.Count > 0)
        {
            plan.AddRange(extraModels.Where(m => !models.Contains(m))
                .Select(m => new ScalingConfig(m, sizes[^1], ScalingMode.Train, smoke, points, slices, Seed: 1)));
        }

        // Beyond the dense models' reach: only the occupancy models, after everything else.
        foreach (var size in beyondSizes)
        {
            foreach (var model in models.Where(ScalingModel.IsOccupancy))
            {
                plan.AddRange(modes.Select(mode => new ScalingConfig(model, size, mode, smoke, points, slices, Seed: 1)));
            }
        }

        var machine = MachineSnapshot.Take();
        var startedUtc = DateTimeOffset.UtcNow;
        var clock = new ResourceClock();
        var budget = new ScalingBudget(TimeSpan.FromMinutes(budgetMinutes));
        var results = new List<ScalingMeasurement>();
        Console.Error.WriteLine($"scaling: {plan.Count} configurations, budget {budgetMinutes} min, cap {capBytes / 1e9:F1} GB; {machine.Describe()}; load {machine.LoadAverage}");
        foreach (var config in plan)
        {
            var label = $"{config.Model} {GridSize.Display(config.Grid)} {config.Mode}";
            if (budget.ReasonToSkip(config.Model, config.Mode, config.Grid.VoxelCount) is { } reason)
            {
                Console.Error.WriteLine($"  {label}: {reason}");
                results.Add(NotRun(config, reason));
                continue;
            }

            var cap = EffectiveCap(capBytes);
            var timeout = TimeSpan.FromMinutes(Math.Min(maxConfigMinutes, budget.Remaining.TotalMinutes));
            Console.Error.WriteLine(FormattableString.Invariant(
                $"  {label}: running (cap {cap / 1e9:F1} GB, deadline {timeout.TotalSeconds:F0} s, load {MachineSnapshot.LoadAverageNow()}) …"));
            var outcome = await ChildProcess.RunSelfAsync(
                config.ToChildArguments(), cap, timeout, echoStandardError: false, ChildProcess.DefaultManagedHeapBytes, cancellationToken);
            var measurement = Interpret(config, outcome, cap);
            budget.Record(measurement);
            results.Add(measurement);
            Console.Error.WriteLine("    → " + Summary(measurement));
        }

        var run = new ScalingRun
        {
            Command = "dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- scaling " + string.Join(' ', arguments),
            Machine = machine,
            LoadAverageAtStart = machine.LoadAverage,
            LoadAverageAtEnd = MachineSnapshot.LoadAverageNow(),
            StartedUtc = startedUtc,
            TotalMinutes = Math.Round(clock.WallSeconds / 60, 2),
            BudgetMinutes = budgetMinutes,
            AddressSpaceCapBytes = capBytes,
            Smoke = smoke,
            Points = points,
            Slices = slices,
            Results = results,
        };
        if (output is not null)
        {
            await AtomicText.WriteAsync(output, JsonSerializer.Serialize(run, ScalingJson.Indented) + "\n", cancellationToken);
            Console.Error.WriteLine($"scaling: wrote {output}; run 'report' to regenerate docs/benchmarks/");
        }

        Console.Error.WriteLine(FormattableString.Invariant($"scaling: done in {clock.WallSeconds / 60:F1} min; load {run.LoadAverageAtEnd}"));
        Console.WriteLine(JsonSerializer.Serialize(run, ScalingJson.Options));
        return results.All(r => r.Status is not ScalingMeasurement.Failed) ? 0 : 1;
    }

    /// <summary>Turns how a child ended into a measurement: its own JSON when it printed one, else a status from the exit.</summary>
    internal static ScalingMeasurement Interpret(ScalingConfig config, ChildOutcome outcome, long cap)
    {
        ScalingMeasurement? reported = null;
        if (outcome.LastJsonLine is { } line)
        {
            try
            {
                reported = JsonSerializer.Deserialize<ScalingMeasurement>(line, ScalingJson.Options);
            }
            catch (JsonException)
            {
                reported = null;
            }
        }

        var status = outcome.TimedOut ? ScalingMeasurement.TimedOut
            : reported?.Status
            ?? (ScalingChildCommand.LooksLikeOutOfMemory(outcome.StandardErrorTail) || outcome.ExitCode == 137
                ? ScalingMeasurement.OutOfMemory
                : ScalingMeasurement.Failed);
        var error = outcome.TimedOut
            ? FormattableString.Invariant($"killed at the {outcome.WallSeconds:F0} s deadline")
            : reported?.Error ?? (reported is null ? $"exit code {outcome.ExitCode}, no JSON: {LastLine(outcome.StandardErrorTail)}" : null);
        return (reported ?? NotRun(config, error)) with
        {
            Status = status,
            Error = error,
            AddressSpaceCapBytes = cap,
            ChildWallSeconds = Math.Round(outcome.WallSeconds, 2),
            ExitCode = outcome.ExitCode,
        };
    }

    private static ScalingMeasurement NotRun(ScalingConfig config, string? reason) => new()
    {
        Model = config.Model,
        Size = GridSize.Format(config.Grid),
        Mode = config.Mode,
        Status = ScalingMeasurement.Skipped,
        Preset = config.Tiny ? "tiny" : "paper",
        Voxels = config.Grid.VoxelCount,
        Error = reason,
    };

    /// <summary>The cap, lowered to what the machine has free (minus 1 GiB) so a child on a shared machine fails by itself
    /// instead of pushing others into the OOM killer.</summary>
    private static long EffectiveCap(long requested)
    {
        var available = MachineSnapshot.AvailableMemoryNow();
        return available is { } free ? Math.Min(requested, Math.Max(free - (1L << 30), 1L << 30)) : requested;
    }

    private static string Summary(ScalingMeasurement m) => m.Status == ScalingMeasurement.Ok
        ? FormattableString.Invariant(
            $"peak {m.PeakRssBytes / 1e9:F2} GB, {m.WallSeconds:F1} s wall, {m.CpuSeconds:F1} s CPU{(m.Points is { } p ? $", {p:N0} points" : string.Empty)}")
        : $"{m.Status}: {m.Error}";

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "(no output)";

    private static string[] List(IReadOnlyList<string> arguments, string name, string fallback) =>
        (BenchmarkArguments.Get(arguments, name) ?? fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double Double(IReadOnlyList<string> arguments, string name, double fallback) =>
        BenchmarkArguments.Get(arguments, name) is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
