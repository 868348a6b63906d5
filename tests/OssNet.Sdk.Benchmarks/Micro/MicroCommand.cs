// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.Benchmarks.Scaling;

namespace OssNet.Sdk.Benchmarks.Micro;

/// <summary>
/// <c>micro</c>: BenchmarkDotNet micro-benchmarks (PAU, patch gathering, samplers, NIfTI reading) through
/// <see cref="BenchmarkSwitcher"/>, with a short in-process job so the whole set finishes in a few minutes. Arguments other
/// than <c>--out</c> go to BenchmarkDotNet (default <c>--filter *</c>); the results are also written as JSON for the report.
/// </summary>
internal sealed class MicroCommand : IBenchmarkCommand
{
    private const string DefaultOutput = "docs/benchmarks/data/micro.json";

    /// <summary>The job: in-process (no generated project to build), 1 warm-up and 5 measured iterations.</summary>
    public const string JobDescription = "BenchmarkDotNet 0.15.8, in-process emit toolchain, 1 launch, 1 warm-up, 5 iterations";

    private static readonly Type[] s_benchmarks =
        [typeof(PadeActivationBenchmarks), typeof(PatchGatherBenchmarks), typeof(SamplerBenchmarks), typeof(NiftiReadBenchmarks), typeof(MetricBenchmarks)];

    public string Name => "micro";

    public string Description => "BenchmarkDotNet micro-benchmarks: PAU, patch gathering, samplers, NIfTI read (short in-process job)";

    public string Options => $"--out FILE ({DefaultOutput}); anything else goes to BenchmarkDotNet (default --filter *)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var output = BenchmarkArguments.Get(arguments, "--out") ?? DefaultOutput;
        var switcherArguments = new List<string>();
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] == "--out")
            {
                i++;
                continue;
            }

            switcherArguments.Add(arguments[i]);
        }

        if (!switcherArguments.Contains("--filter"))
        {
            switcherArguments.AddRange(["--filter", "*"]);
        }

        var job = Job.ShortRun
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithId("ShortInProcess");
        var config = DefaultConfig.Instance
            .AddJob(job)
            .WithArtifactsPath(Path.GetFullPath(Path.Combine("artifacts", "benchmarks", "micro")))
            .WithOptions(ConfigOptions.DisableLogFile);
        var started = DateTimeOffset.UtcNow;
        var summaries = BenchmarkSwitcher.FromTypes(s_benchmarks).Run([.. switcherArguments], config).ToList();
        var results = summaries.SelectMany(Results).ToList();
        if (results.Count == 0)
        {
            Console.Error.WriteLine("micro: no benchmark ran (check --filter)");
            return 1;
        }

        var run = new MicroRun
        {
            Command = "dotnet run --project tests/OssNet.Sdk.Benchmarks -c Release -- micro " + string.Join(' ', arguments),
            Machine = MachineSnapshot.Take(),
            LoadAverageAtEnd = MachineSnapshot.LoadAverageNow(),
            StartedUtc = started,
            Job = JobDescription,
            Results = results,
        };
        await AtomicText.WriteAsync(output, JsonSerializer.Serialize(run, ScalingJson.Indented) + "\n", cancellationToken);
        Console.Error.WriteLine($"micro: wrote {output}; run 'report' to regenerate docs/benchmarks/micro.md");
        return results.All(r => r.MeanNanoseconds is not null) ? 0 : 1;
    }

    private static IEnumerable<MicroResult> Results(Summary summary) =>
        summary.Reports.Select(report =>
        {
            var statistics = report.ResultStatistics;
            var benchmark = report.BenchmarkCase;
            var allocated = benchmark.Config.HasMemoryDiagnoser() ? report.GcStats.GetBytesAllocatedPerOperation(benchmark) : null;
            return new MicroResult(
                benchmark.Descriptor.Type.Name,
                benchmark.Descriptor.WorkloadMethodDisplayInfo.Trim('\''),
                benchmark.HasParameters ? benchmark.Parameters.DisplayInfo : string.Empty,
                statistics?.Mean,
                statistics?.StandardDeviation,
                statistics?.Median,
                statistics?.N,
                allocated);
        });
}

/// <summary>One micro-benchmark result; times in nanoseconds per operation.</summary>
internal sealed record MicroResult(
    string Class, string Benchmark, string Parameters, double? MeanNanoseconds, double? StandardDeviationNanoseconds,
    double? MedianNanoseconds, int? Iterations, long? AllocatedBytesPerOperation);

/// <summary>The document <c>micro</c> writes (docs/benchmarks/data/micro.json).</summary>
internal sealed record MicroRun
{
    public required string Command { get; init; }

    public required MachineSnapshot Machine { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required string Job { get; init; }

    public required IReadOnlyList<MicroResult> Results { get; init; }
}
