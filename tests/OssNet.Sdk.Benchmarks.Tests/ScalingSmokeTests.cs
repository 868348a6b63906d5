// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text.Json;

namespace OssNet.Sdk.Benchmarks.Tests;

/// <summary>
/// Runs the scaling harness the way CI can afford (<c>scaling --smoke</c>: tiny presets at 32³, every model and mode in a
/// prlimit'ed child) and checks the JSON document it prints, so the harness, its child protocol and its result schema
/// cannot rot unnoticed. No timing assertions: the machine may be loaded.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ScalingSmokeTests(ITestOutputHelper output)
{
    private static readonly string[] s_models = ["unet3d", "unet2d", "onet", "oss-c"];
    private static readonly string[] s_modes = ["train", "infer"];

    [Fact]
    public async Task Smoke_EveryModelAndMode_ReportsPeakMemoryAndTimesAsJson()
    {
        var (exitCode, stdout, stderr) = await BenchmarkExecutable.RunAsync(["scaling", "--smoke"], TestContext.Current.CancellationToken);
        output.WriteLine(stderr);

        Assert.True(exitCode == 0, $"exit code {exitCode}; stderr:\n{stderr}");
        using var document = JsonDocument.Parse(LastJsonLine(stdout));
        var run = document.RootElement;
        Assert.True(run.GetProperty("smoke").GetBoolean());
        Assert.Equal(2048, run.GetProperty("points").GetInt32());
        Assert.StartsWith("dotnet run --project tests/OssNet.Sdk.Benchmarks", run.GetProperty("command").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(run.GetProperty("machine").GetProperty("cpuModel").GetString()));
        Assert.True(run.GetProperty("machine").GetProperty("logicalCores").GetInt32() >= 1);
        Assert.True(run.GetProperty("addressSpaceCapBytes").GetInt64() > 0);

        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(s_models.Length * s_modes.Length, results.Count);
        foreach (var model in s_models)
        {
            foreach (var mode in s_modes)
            {
                var result = Assert.Single(results, r => r.GetProperty("model").GetString() == model && r.GetProperty("mode").GetString() == mode);
                AssertMeasured(result, model, mode);
            }
        }
    }

    [Fact]
    public async Task CapTooSmallForTheRuntime_IsReportedAsAFailureNotDropped()
    {
        // 0.5 GB of address space is less than the .NET runtime and libtorch reserve at start-up: the child cannot run at all.
        var (exitCode, stdout, stderr) = await BenchmarkExecutable.RunAsync(
            ["scaling", "--smoke", "--models", "unet3d", "--modes", "infer", "--memory-cap", "0.5"], TestContext.Current.CancellationToken);
        output.WriteLine(stderr);

        using var document = JsonDocument.Parse(LastJsonLine(stdout));
        var result = Assert.Single(document.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("unet3d", result.GetProperty("model").GetString());
        // Out of memory is an expected outcome of a sweep (exit code 0); any other failure fails the run.
        var status = result.GetProperty("status").GetString();
        Assert.True((status == "oom" && exitCode == 0) || (status == "failed" && exitCode == 1), $"status {status}, exit code {exitCode}");
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("error").GetString()));
        Assert.Equal(500_000_000, result.GetProperty("addressSpaceCapBytes").GetInt64());
    }

    private static void AssertMeasured(JsonElement result, string model, string mode)
    {
        var name = $"{model} {mode}";
        Assert.True(result.GetProperty("status").GetString() == "ok", $"{name}: {result}");
        Assert.Equal("32x32x32", result.GetProperty("size").GetString());
        Assert.Equal("tiny", result.GetProperty("preset").GetString());
        Assert.Equal(32 * 32 * 32, result.GetProperty("voxels").GetInt64());
        Assert.Equal(0, result.GetProperty("exitCode").GetInt32());

        var peak = result.GetProperty("peakRssBytes").GetInt64();
        var baseline = result.GetProperty("baselineRssBytes").GetInt64();
        Assert.True(baseline > 10_000_000, $"{name}: baseline RSS {baseline} B is not a process's resident set");
        Assert.True(peak >= baseline, $"{name}: peak {peak} B < baseline {baseline} B");
        Assert.True(peak < result.GetProperty("addressSpaceCapBytes").GetInt64(), $"{name}: peak above the cap");
        Assert.True(result.GetProperty("wallSeconds").GetDouble() > 0, name);
        Assert.True(result.GetProperty("cpuSeconds").GetDouble() > 0, name);
        Assert.True(result.GetProperty("childWallSeconds").GetDouble() >= result.GetProperty("wallSeconds").GetDouble(), name);
        Assert.True(result.GetProperty("trainableParameters").GetInt64() > 1000, name);
        Assert.True(result.GetProperty("threads").GetInt32() >= 1, name);
        Assert.False(string.IsNullOrWhiteSpace(result.GetProperty("workload").GetString()), name);

        var occupancy = model is "onet" or "oss-c";
        if (occupancy && mode == "train")
        {
            Assert.Equal(2048, result.GetProperty("points").GetInt64());
        }
        else if (occupancy)
        {
            // The harness pins inference to the first stage: exactly the stride-4 lattice of 32³, 8·8·8 points.
            Assert.Equal(512, result.GetProperty("points").GetInt64());
        }
        else
        {
            Assert.False(result.TryGetProperty("points", out _), $"{name}: a U-Net has no point count");
        }
    }

    private static string LastJsonLine(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.StartsWith('{'))
        ?? throw new Xunit.Sdk.XunitException($"no JSON line on stdout:\n{stdout}");
}
