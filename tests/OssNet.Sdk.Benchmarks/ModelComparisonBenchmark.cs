// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using System.Globalization;
using System.Text;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Synthetic;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks;

/// <summary>
/// Trains O-Net, OSS-Net A–D and the 2D and 3D residual U-Nets on the same synthetic brain-tumour split with the same budget,
/// then segments held-out phantoms densely and reports Dice, IoU and HD95 (issue: training, inference and evaluation).
/// </summary>
/// <remarks>
/// Small-scale versions of every model (the <c>Tiny</c> OSS-Net preset with the variant's flags; the <c>Tiny3D</c>/<c>Tiny2D</c>
/// U-Nets) so the whole table trains on two CPU cores in minutes. Input: FLAIR and T2 of 60×60×30 phantoms, z-scored and padded
/// to 64×64×32. Every family goes through the same <see cref="SegmentationTrainer"/> and <see cref="ISegmenter"/> API.
/// </remarks>
internal sealed class ModelComparisonBenchmark : IBenchmarkCommand
{
    private static readonly VolumeShape s_phantomShape = new(60, 60, 30);

    public string Name => "compare";

    public string Description => "train O-Net, OSS-Net A–D and the 2D/3D U-Nets on the same synthetic split and budget; Dice/IoU/HD95 table";

    public string Options => "[--epochs N (24)] [--train N (8)] [--validation N (4)] [--points N (4096)] [--report FILE.md]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var epochs = BenchmarkArguments.GetInt(arguments, "--epochs", 24);
        var trainCount = BenchmarkArguments.GetInt(arguments, "--train", 8);
        var validationCount = BenchmarkArguments.GetInt(arguments, "--validation", 4);
        var points = BenchmarkArguments.GetInt(arguments, "--points", 4096);
        var report = BenchmarkArguments.Get(arguments, "--report");
        var training = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 11, Shape = s_phantomShape }, trainCount);
        var heldOut = new SyntheticPhantomSource(new SyntheticPhantomOptions { Seed = 12345, Shape = s_phantomShape }, validationCount);
        var grid = OssNetPresets.Tiny.FullResolutionShape;
        var preprocessing = new PreprocessingPipeline(new SelectChannels(0, 3), new ZScoreNormalization(), new PadOrCropToShape(grid));
        var trainer = new TrainerOptions
        {
            Epochs = epochs, BatchSize = 2, LearningRate = 2e-3, Optimizer = OptimizerKind.Adam,
            LearningRateMilestones = [Math.Max(1, epochs * 5 / 6)], ValidateEveryEpochs = 0, Seed = 3, CachePreparedCases = true,
        };

        var rows = new List<string>();
        foreach (var (name, build) in Candidates(preprocessing, points))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var (task, segmenterFactory) = build();
            using (task)
            {
                await new SegmentationTrainer(task, trainer).TrainAsync(training, cancellationToken: cancellationToken).ConfigureAwait(false);
                var trainSeconds = clock.Elapsed.TotalSeconds;
                var segmenter = segmenterFactory();
                using var owned = (IDisposable)segmenter;
                var aggregator = new MetricAggregator();
                double queried = 0;
                var inferClock = Stopwatch.StartNew();
                foreach (var id in heldOut.CaseIds)
                {
                    var volumeCase = await heldOut.LoadAsync(id, cancellationToken).ConfigureAwait(false);
                    var result = await segmenter.SegmentAsync(volumeCase, cancellationToken: cancellationToken).ConfigureAwait(false);
                    aggregator.Update(SegmentationMetrics.Compute(result.Mask, volumeCase.Label!.ToBinary()));
                    queried += result.Statistics.QueriedFraction / heldOut.Count;
                }

                var a = aggregator.Aggregate();
                var row = string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {name} | {task.Model.parameters().Sum(p => p.numel()):N0} | {a.Dice.Mean:F3} ± {a.Dice.StandardDeviation:F3} | {a.IntersectionOverUnion.Mean:F3} ± {a.IntersectionOverUnion.StandardDeviation:F3} | {Format(a.HausdorffDistance95)} | {queried:P1} | {trainSeconds:F0} s | {inferClock.Elapsed.TotalSeconds / heldOut.Count:F2} s |");
                Console.WriteLine(row);
                rows.Add(row);
            }
        }

        var text = new StringBuilder()
            .AppendLine("# Model comparison on synthetic brain-tumour phantoms")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Same split ({trainCount} training, {validationCount} held-out phantoms of {s_phantomShape}, FLAIR + T2, padded to {grid}), same budget ({epochs} epochs of batch 2, Adam 2e-3, {points} points per volume for occupancy models), dense evaluation on the held-out cases' own grids.")
            .AppendLine()
            .AppendLine("| model (small-scale) | parameters | Dice | IoU | HD95 (mm) | grid queried | training | inference / case |")
            .AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        rows.ForEach(r => text.AppendLine(r));
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Machine: {MachineInfo.Describe()}; load average {MachineInfo.LoadAverage()}.")
            .AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Command: `OMP_WAIT_POLICY=PASSIVE dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- compare {string.Join(' ', arguments)}`");
        Console.WriteLine(text);
        if (report is not null)
        {
            await File.WriteAllTextAsync(report, text.ToString(), cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static string Format(MetricSummary summary) =>
        summary.FiniteCount == 0 ? $"n/a ({summary.NonFiniteCount} empty)" : string.Create(CultureInfo.InvariantCulture, $"{summary.Mean:F1} ± {summary.StandardDeviation:F1}") + (summary.NonFiniteCount > 0 ? $" ({summary.NonFiniteCount} empty)" : string.Empty);

    private static IEnumerable<(string Name, Func<(TrainingTask Task, Func<ISegmenter> Segmenter)> Build)> Candidates(IVolumeTransform preprocessing, int points)
    {
        (TrainingTask, Func<ISegmenter>) Occupancy(string name, bool small, bool large, bool skip)
        {
            var options = OssNetPresets.Tiny;
            options.Name = name;
            options.Seed = 7;
            options.UseSmallPatches = small;
            options.UseLargePatches = large;
            options.UseSkipEncoder = skip;
            options.UseLowResolutionHead = skip;
            var model = OssNetModel.Create(options);
            var task = new OccupancyTrainingTask(model, new OccupancyTrainingOptions
            {
                Preprocessing = preprocessing, PointsPerVolume = points, BorderShare = 0.5, ValidationPointsPerVolume = 8192,
            });
            return (task, () => Reload(model, options, m => new OssNetSegmenter(m, new OssNetSegmenterOptions { Preprocessing = preprocessing })));
        }

        (TrainingTask, Func<ISegmenter>) Dense(UNetOptions options)
        {
            options.InputChannels = 2;
            options.Seed = 7;
            var dense = new DenseTrainingOptions { Preprocessing = preprocessing, SlicesPerVolume = 16 };
            var model = ResidualUNet.Create(options);
            return (new DenseTrainingTask(model, dense), () => ReloadUNet(model, options, dense));
        }

        yield return ("O-Net", () => Occupancy("tiny_o_net", small: false, large: false, skip: false));
        yield return ("OSS-Net A", () => Occupancy("tiny_a", small: true, large: false, skip: false));
        yield return ("OSS-Net B", () => Occupancy("tiny_b", small: true, large: true, skip: false));
        yield return ("OSS-Net C", () => Occupancy("tiny_c", small: true, large: false, skip: true));
        yield return ("OSS-Net D", () => Occupancy("tiny_d", small: true, large: true, skip: true));
        yield return ("2D residual U-Net", () => Dense(UNetPresets.Tiny2D));
        yield return ("3D residual U-Net", () => Dense(UNetPresets.Tiny3D));
    }

    // The segmenter gets its own model with the trained weights (the task keeps and disposes the trained one).
    private static ISegmenter Reload(OssNetModel trained, OssNetOptions options, Func<OssNetModel, ISegmenter> create)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ossnet-compare-{Guid.NewGuid():N}.dat");
        try
        {
            trained.SaveWeights(path);
            var fresh = OssNetModel.Create(options);
            fresh.LoadWeights(path);
            return create(fresh);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static UNetSegmenter ReloadUNet(ResidualUNet trained, UNetOptions options, DenseTrainingOptions dense)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ossnet-compare-{Guid.NewGuid():N}.dat");
        try
        {
            trained.SaveWeights(path);
            var fresh = ResidualUNet.Create(options);
            fresh.LoadWeights(path);
            return new UNetSegmenter(fresh, dense);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
