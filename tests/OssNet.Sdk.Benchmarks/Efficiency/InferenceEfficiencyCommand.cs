// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.Json;
using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.Benchmarks.Scaling;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.Transforms;

namespace OssNet.Sdk.Benchmarks.Efficiency;

/// <summary>
/// <c>inference-efficiency</c>: points queried by the multi-resolution procedure with and without the encoder prior against
/// the dense grid, time per volume, and the voxel disagreement between the two, on BraTS-like tumour phantoms
/// (4 channels, 240×240×155 padded to 256×256×160). Driven by an oracle (the label itself) and by a small OSS-Net C
/// trained for a few minutes. The work runs in a child process under <c>prlimit</c>.
/// </summary>
internal sealed class InferenceEfficiencyCommand : IBenchmarkCommand
{
    private const string DefaultOutput = "docs/benchmarks/data/inference-efficiency.json";
    private const string ChildFlag = "--in-child";

    public string Name => "inference-efficiency";

    public string Description => "points queried with/without the encoder prior vs the dense grid, time per volume, disagreement (phantoms)";

    public string Options =>
        "--cases N (4 held-out phantoms)  --shape XxYxZ (240x240x155, padded to 256x256x160)  --train-cases N (8)  --epochs N (12)  "
        + $"--points N (4096 per volume while training)  --oracle-only  --memory-cap GB (12)  --out FILE ({DefaultOutput})";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        if (BenchmarkArguments.Has(arguments, ChildFlag))
        {
            return await RunChildAsync(arguments, cancellationToken);
        }

        var cap = (long)(double.Parse(BenchmarkArguments.Get(arguments, "--memory-cap") ?? "12", CultureInfo.InvariantCulture) * 1e9);
        var output = BenchmarkArguments.Get(arguments, "--out") ?? DefaultOutput;
        var childArguments = new List<string> { Name };
        childArguments.AddRange(arguments.Where(a => a != ChildFlag));
        childArguments.Add(ChildFlag);
        Console.Error.WriteLine($"inference-efficiency: running in a child process under prlimit --as={cap} …");
        var outcome = await ChildProcess.RunSelfAsync(
            childArguments, cap, TimeSpan.FromHours(2), echoStandardError: true, managedHeapBytes: 0xC000_0000, cancellationToken);
        if (outcome.ExitCode != 0 || outcome.LastJsonLine is not { } line)
        {
            Console.Error.WriteLine($"inference-efficiency: the child failed (exit code {outcome.ExitCode}): {outcome.StandardErrorTail}");
            return 1;
        }

        var run = JsonSerializer.Deserialize<EfficiencyRun>(line, ScalingJson.Options)!
            with { Command = "dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- inference-efficiency " + string.Join(' ', arguments) };
        await AtomicText.WriteAsync(output, JsonSerializer.Serialize(run, ScalingJson.Indented) + "\n", cancellationToken);
        Console.Error.WriteLine($"inference-efficiency: wrote {output}; run 'report' to regenerate docs/benchmarks/");
        return 0;
    }

    private static async Task<int> RunChildAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var clock = new ResourceClock();
        var started = DateTimeOffset.UtcNow;
        var cases = BenchmarkArguments.GetInt(arguments, "--cases", 4);
        var shape = GridSize.Parse(BenchmarkArguments.Get(arguments, "--shape") ?? "240x240x155");
        var phantoms = new SyntheticPhantomOptionsFactory(shape);
        var preprocessing = Preprocessing.BraTs2020();
        var grid = Preprocessing.BraTs2020PaddedShape;
        (long, long, long) headShape = (grid.X / 32, grid.Y / 32, grid.Z / 32);

        var heldOut = new SyntheticPhantomSource(phantoms.Create(seed: 2021), cases);
        var prepared = new List<(string Id, Volumes.Volume Image, Volumes.LabelVolume Label)>();
        foreach (var id in heldOut.CaseIds)
        {
            var volumeCase = await heldOut.LoadAsync(id, cancellationToken);
            var transformed = preprocessing.Apply(volumeCase).Case;
            prepared.Add((id, transformed.Image, transformed.Label!.ToBinary()));
        }

        Console.Error.WriteLine($"  {cases} held-out phantoms ({GridSize.Display(shape)} → {GridSize.Display(grid)}) ready after {clock.WallSeconds:F0} s");
        var oracle = new List<CaseComparison>();
        foreach (var (id, _, label) in prepared)
        {
            var comparison = OracleEfficiency.Compare(id, label, headShape);
            oracle.Add(comparison);
            Console.Error.WriteLine("  oracle  " + Describe(comparison));
        }

        TrainingRecord? training = null;
        List<CaseComparison>? trained = null;
        if (!BenchmarkArguments.Has(arguments, "--oracle-only"))
        {
            var trainer = new TrainedEfficiency(
                BenchmarkArguments.GetInt(arguments, "--train-cases", 8),
                BenchmarkArguments.GetInt(arguments, "--epochs", 12),
                BenchmarkArguments.GetInt(arguments, "--points", 4096));
            var (model, record) = await trainer.TrainAsync(phantoms, preprocessing, cancellationToken);
            training = record;
            Console.Error.WriteLine(FormattableString.Invariant(
                $"  trained {record.Steps} steps in {record.WallSeconds:F0} s; loss {record.FirstEpochLoss:F3} → {record.FinalLoss:F3}"));
            using (model)
            {
                trained = [];
                foreach (var (id, image, label) in prepared)
                {
                    var comparison = TrainedEfficiency.Compare(model, id, image, label);
                    trained.Add(comparison);
                    Console.Error.WriteLine("  trained " + Describe(comparison));
                }
            }
        }

        var run = new EfficiencyRun
        {
            Command = string.Empty,
            Machine = MachineSnapshot.Take(),
            LoadAverageAtEnd = MachineSnapshot.LoadAverageNow(),
            StartedUtc = started,
            TotalMinutes = Math.Round(clock.WallSeconds / 60, 2),
            PhantomShape = GridSize.Format(shape),
            GridShape = GridSize.Format(grid),
            Phantoms = $"SyntheticPhantoms BrainTumour, seed 2021, cases 0–{cases - 1}; Preprocessing.BraTs2020() (z-score, zero padding)",
            Oracle = oracle,
            Training = training,
            Trained = trained,
            PeakRssBytes = ProcessMemory.PeakResidentBytes(),
        };
        Console.WriteLine(JsonSerializer.Serialize(run, ScalingJson.Options));
        return 0;
    }

    private static string Describe(CaseComparison c)
    {
        var standard = FormattableString.Invariant(
            $"standard {c.Standard.PointsQueried:N0} points ({100.0 * c.Standard.PointsQueried / c.GridVoxels:F2} %), {c.Standard.WallSeconds:F1} s, Dice {c.Standard.Dice:F3}");
        var prior = FormattableString.Invariant(
            $"prior {c.WithPrior.PointsQueried:N0} ({100.0 * c.WithPrior.PointsQueried / c.GridVoxels:F2} %), {c.WithPrior.WallSeconds:F1} s, Dice {c.WithPrior.Dice:F3}");
        return FormattableString.Invariant($"{c.CaseId}: {standard}; {prior}; disagreement {c.DisagreementVoxels:N0} voxels");
    }
}
