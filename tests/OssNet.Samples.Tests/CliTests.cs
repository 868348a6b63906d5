// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.Tests;

/// <summary>The <c>ossnet</c> tool: every command in <c>--smoke</c> mode, reports, and one-line errors with non-zero exit codes.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-cli-").FullName;

    private static string Tool => SampleProcess.DllOf("OssNet.Cli", "ossnet");

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("info", "Backend: loaded")]
    [InlineData("train", "Saved weights of 'tiny' (4 channels)")]
    [InlineData("segment", "Segmented 1 case(s)")]
    [InlineData("evaluate", "Mean Dice")]
    [InlineData("benchmark", "Benchmark: OSS-Net 'tiny_o_net'")]
    public async Task Command_Smoke_ExitsZeroAndReports(string command, string expected)
    {
        var run = await SampleProcess.RunAsync(Tool, _folder, command, "--smoke");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [Trait("Category", "Integration")]
    [InlineData("report.csv", "case,dice,iou,hd95_mm")]
    [InlineData("report.json", "\"hd95Mm\"")]
    public async Task Evaluate_Predictions_WritesReportWithPerfectScores(string reportName, string expected)
    {
        var data = await WritePhantomFolderAsync();
        var report = Path.Combine(_folder, reportName);

        // The labels themselves as predictions: every score is perfect, and no model is loaded.
        var run = await SampleProcess.RunAsync(Tool, _folder, "evaluate", "--data", data, "--predictions", Path.Combine(data, "labels"), "--report", report);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Mean Dice 1.0000 over 2 case(s)", run.Output, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.Contains("phantom-001", text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_FolderOfNifti_WritesAMaskPerCase()
    {
        var data = await WritePhantomFolderAsync();
        var masks = Path.Combine(_folder, "masks");

        var run = await SampleProcess.RunAsync(Tool, _folder, "segment", "--input", data, "--output", masks, "--preset", "tiny_o_net", "--threshold", "0.9");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no --weights", run.Error, StringComparison.Ordinal);
        var mask = await VolumeFile.ReadLabelsAsync(Path.Combine(masks, "phantom-001_mask.nii.gz"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new VolumeShape(60, 60, 30), mask.Shape);
    }

    public static TheoryData<string[], string, int> Errors => new()
    {
        { ["segment", "--input", "/nonexistent/scans", "--output", "masks"], "/nonexistent/scans", 1 },
        { ["segment", "--smoke", "--threshold", "2"], "ThresholdProbability", 1 },
        { ["segment", "--smoke", "--max-points", "0"], "MaxPointsPerForward", 1 },
        { ["segment", "--smoke", "--weights", "/nonexistent/w.dat"], "WeightsPath", 1 },
        { ["segment", "--smoke", "--device", "tpu"], "Device", 1 },
        { ["segment", "--smoke", "--preprocessing", "brats2020"], "256×256×160", 1 },
        { ["train", "--data", "synthetic:2", "--output", "w.dat", "--preset", "oss_net_z"], "No OSS-Net preset is named 'oss_net_z'", 1 },
        { ["train", "--data", "synthetic:x", "--output", "w.dat"], "not a positive number", 1 },
        { ["train", "--smoke", "--epochs", "many"], "many", 2 },
        { ["train", "--smoke", "--optimizer", "sgd"], "sgd", 2 },
        { ["evaluate", "--smoke", "--report", "metrics.txt"], ".csv or .json", 1 },
        { ["evaluate", "--data", "synthetic:1", "--predictions", "/nonexistent/preds"], "/nonexistent/preds", 1 },
        { ["benchmark", "--smoke", "--shape", "8x8"], "--shape '8x8'", 1 },
        { ["segmnet"], "segmnet", 2 },
    };

    [Theory]
    [Trait("Category", "Integration")] // each starts a process (about a second)
    [MemberData(nameof(Errors))]
    public async Task BadInput_ExitsNonZeroWithOneLineAndNoStackTrace(string[] args, string expected, int exitCode)
    {
        var run = await SampleProcess.RunAsync(Tool, _folder, args);

        Assert.True(run.ExitCode == exitCode, run.ToString());
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ossnet: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal); // a stack frame
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<string> WritePhantomFolderAsync() => PhantomFolder.WriteAsync(_folder);
}
