// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;
using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.Benchmarks.Efficiency;
using OssNet.Sdk.Benchmarks.Micro;
using OssNet.Sdk.Benchmarks.Scaling;

namespace OssNet.Sdk.Benchmarks.Report;

/// <summary>
/// <c>report</c>: regenerates docs/benchmarks/ (scaling.md, scaling-memory.png, scaling-time.png,
/// inference-efficiency.md, micro.md) from the JSON the other commands wrote into docs/benchmarks/data/. It runs no
/// benchmark, so the documents can be rebuilt (e.g. after a wording change) without re-measuring.
/// </summary>
internal sealed class ReportCommand : IBenchmarkCommand
{
    public string Name => "report";

    public string Description => "regenerate docs/benchmarks/*.md and the PNG plots from docs/benchmarks/data/*.json";

    public string Options => "--data DIR (docs/benchmarks/data)  --docs DIR (docs/benchmarks)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var data = BenchmarkArguments.Get(arguments, "--data") ?? Path.Combine("docs", "benchmarks", "data");
        var docs = BenchmarkArguments.Get(arguments, "--docs") ?? Path.Combine("docs", "benchmarks");
        var wrote = 0;

        if (await ReadAsync<ScalingRun>(Path.Combine(data, "scaling.json"), cancellationToken) is { } scaling)
        {
            await AtomicText.WriteAsync(Path.Combine(docs, "scaling.md"), ScalingReport.Markdown(scaling), cancellationToken);
            await ScalingPlots.WriteAsync(scaling, docs, cancellationToken);
            Console.Error.WriteLine($"report: wrote {docs}/scaling.md, scaling-memory.png, scaling-time.png");
            wrote++;
        }

        if (await ReadAsync<EfficiencyRun>(Path.Combine(data, "inference-efficiency.json"), cancellationToken) is { } efficiency)
        {
            await AtomicText.WriteAsync(Path.Combine(docs, "inference-efficiency.md"), EfficiencyReport.Markdown(efficiency), cancellationToken);
            Console.Error.WriteLine($"report: wrote {docs}/inference-efficiency.md");
            wrote++;
        }

        if (await ReadAsync<MicroRun>(Path.Combine(data, "micro.json"), cancellationToken) is { } micro)
        {
            await AtomicText.WriteAsync(Path.Combine(docs, "micro.md"), MicroReport.Markdown(micro), cancellationToken);
            Console.Error.WriteLine($"report: wrote {docs}/micro.md");
            wrote++;
        }

        if (wrote == 0)
        {
            Console.Error.WriteLine($"report: no result files in {data}; run scaling, inference-efficiency or micro first");
            return 1;
        }

        return 0;
    }

    private static async Task<T?> ReadAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        if (!File.Exists(path))
        {
            Console.Error.WriteLine($"report: {path} not found; skipped");
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, ScalingJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"{path} holds no {typeof(T).Name}.");
    }
}
