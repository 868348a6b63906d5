// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Planning;
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
    [InlineData("train", "Saved oss-net 'tiny'")]
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
    public async Task Evaluate_MultiClassPredictions_ReportsEachClassAndTheMean()
    {
        var data = await WriteMultiClassFolderAsync();
        var csv = Path.Combine(_folder, "classes.csv");
        var json = Path.Combine(_folder, "classes.json");
        const string Labels = "1:necrosis,2:edema,4:enhancing tumour";

        var csvRun = await SampleProcess.RunAsync(Tool, _folder, "evaluate", "--data", data, "--predictions", Path.Combine(data, "predictions"), "--labels", Labels, "--report", csv);
        var jsonRun = await SampleProcess.RunAsync(Tool, _folder, "evaluate", "--data", data, "--predictions", Path.Combine(data, "predictions"), "--labels", Labels, "--report", json);

        Assert.True(csvRun.ExitCode == 0, csvRun.ToString());
        Assert.True(jsonRun.ExitCode == 0, jsonRun.ToString());
        // Case "exact": every class 1. Case "swapped" (4 written as 2): necrosis 1, edema 2·64/(128 + 64), enhancing 0.
        const double Edema = 2.0 * 64 / (128 + 64);
        var swappedMean = (1 + Edema + 0) / 3;
        Assert.Contains(FormattableString.Invariant($"Mean Dice {(1 + swappedMean) / 2:F4} over 2 case(s)"), csvRun.Output, StringComparison.Ordinal);

        var lines = (await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken)).ToList();
        Assert.Equal(
            "case,dice,iou,hd95_mm,assd_mm,predicted_voxels,reference_voxels,intersection_voxels,"
            + "dice_1_necrosis,iou_1_necrosis,hd95_mm_1_necrosis,assd_mm_1_necrosis,dice_2_edema,iou_2_edema,hd95_mm_2_edema,assd_mm_2_edema,"
            + "dice_4_enhancing_tumour,iou_4_enhancing_tumour,hd95_mm_4_enhancing_tumour,assd_mm_4_enhancing_tumour",
            lines[0]);
        var swapped = lines.Single(l => l.StartsWith("swapped,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(swappedMean, double.Parse(swapped[1], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal(Edema, double.Parse(swapped[12], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        Assert.Equal("0", swapped[16]);
        Assert.Equal(5, lines.Count);
        Assert.StartsWith("mean,", lines[3], StringComparison.Ordinal);
        Assert.StartsWith("sd,", lines[4], StringComparison.Ordinal);
        Assert.Equal(20, lines[4].Split(',').Length);

        using var report = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken));
        var root = report.RootElement;
        Assert.Equal(2, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal(new[] { "background", "necrosis", "edema", "enhancing tumour" }, root.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        var enhancing = root.GetProperty("cases")[1].GetProperty("classes")[2];
        Assert.Equal(4, enhancing.GetProperty("value").GetInt32());
        Assert.Equal(0.0, enhancing.GetProperty("dice").GetDouble());
        Assert.Equal("Infinity", enhancing.GetProperty("hd95Mm").GetString());
        Assert.Equal(swappedMean, root.GetProperty("cases")[1].GetProperty("dice").GetDouble(), 1e-12);
        var summaryEdema = root.GetProperty("summary").GetProperty("classes")[1];
        Assert.Equal("edema", summaryEdema.GetProperty("name").GetString());
        Assert.Equal((1 + Edema) / 2, summaryEdema.GetProperty("dice").GetProperty("Mean").GetDouble(), 1e-12);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Evaluate_MultiClassPredictionsWithoutLabels_CollapseToBinaryWithTodaysColumns()
    {
        var data = await WriteMultiClassFolderAsync();
        var csv = Path.Combine(_folder, "binary.csv");

        var run = await SampleProcess.RunAsync(Tool, _folder, "evaluate", "--data", data, "--predictions", Path.Combine(data, "predictions"), "--report", csv);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Mean Dice 1.0000 over 2 case(s)", run.Output, StringComparison.Ordinal); // the foreground is the same in both cases
        var lines = await File.ReadAllLinesAsync(csv, TestContext.Current.CancellationToken);
        Assert.Equal("case,dice,iou,hd95_mm,assd_mm,predicted_voxels,reference_voxels,intersection_voxels", lines[0]);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_FolderOfNifti_WritesAMaskPerCase()
    {
        var data = await WritePhantomFolderAsync();
        var masks = Path.Combine(_folder, "masks");

        var run = await SampleProcess.RunAsync(Tool, _folder, "segment", "--input", data, "--output", masks, "--preset", "tiny_o_net", "--threshold", "0.9");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("neither --model nor --weights", run.Error, StringComparison.Ordinal);
        var mask = await VolumeFile.ReadLabelsAsync(Path.Combine(masks, "phantom-001_mask.nii.gz"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(new VolumeShape(60, 60, 30), mask.Shape);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Plan_FolderOfNifti_WritesThePlan_AndInfoShowsItInWords()
    {
        var data = await WritePhantomFolderAsync();
        var planPath = Path.Combine(_folder, "plan.json");

        var run = await SampleProcess.RunAsync(Tool, _folder, "plan", "--data", data, "--output", planPath, "--grid", "64x64x32", "--crop-margin", "1");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Grid         64×64×32", run.Output, StringComparison.Ordinal);
        Assert.Contains("reoriented to RAS", run.Output, StringComparison.Ordinal);
        var plan = await DatasetPlan.LoadAsync(planPath, TestContext.Current.CancellationToken);
        Assert.Equal(new VolumeShape(64, 64, 32), plan.GridShape);
        Assert.Equal(1, plan.CropMarginVoxels);
        Assert.Equal(2, plan.Fingerprint.CaseCount);
        Assert.Equal(4, plan.ChannelCount);

        var info = await SampleProcess.RunAsync(Tool, _folder, "info", planPath);

        Assert.True(info.ExitCode == 0, info.ToString());
        Assert.Contains($"Plan file {planPath}", info.Output, StringComparison.Ordinal);
        Assert.Contains(plan.Describe().Split('\n')[4], info.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Backend", info.Output, StringComparison.Ordinal);
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
        { ["evaluate", "--smoke", "--labels", "1:a"], "--labels applies to --predictions", 1 },
        { ["evaluate", "--data", "synthetic:1", "--predictions", ".", "--labels", "0:background"], "'0:background' is not value:name", 1 },
        { ["benchmark", "--smoke", "--shape", "8x8"], "--shape '8x8'", 1 },
        { ["segmnet"], "segmnet", 2 },
        { ["plan", "--smoke", "--grid", "60x64x64"], "multiple of GridMultiple (32)", 1 },
        { ["plan", "--smoke", "--target-spacing", "1,1"], "--target-spacing '1,1'", 1 },
        { ["info", "/nonexistent/plan.json"], "/nonexistent/plan.json: the plan file does not exist", 1 },
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

    /// <summary>Two cases with 0/1/2/4 label maps (three 4×4×4 boxes) in labels/, and predictions/: "exact" equal to its
    /// labels, "swapped" with every 4 written as 2.</summary>
    private async Task<string> WriteMultiClassFolderAsync()
    {
        var data = Path.Combine(_folder, "multiclass");
        Directory.CreateDirectory(Path.Combine(data, "labels"));
        Directory.CreateDirectory(Path.Combine(data, "predictions"));
        var geometry = VolumeGeometry.Create(new VolumeShape(16, 16, 16));
        var token = TestContext.Current.CancellationToken;
        foreach (var id in new[] { "exact", "swapped" })
        {
            var labels = LabelVolume.Zeros(geometry);
            var prediction = LabelVolume.Zeros(geometry);
            foreach (var (value, min) in new (byte, (int X, int Y, int Z))[] { (1, (2, 2, 2)), (2, (8, 2, 2)), (4, (8, 8, 8)) })
            {
                for (var i = 0; i < 64; i++)
                {
                    var (x, y, z) = (min.X + (i / 16), min.Y + (i / 4 % 4), min.Z + (i % 4));
                    labels[x, y, z] = value;
                    prediction[x, y, z] = id == "swapped" && value == 4 ? (byte)2 : value;
                }
            }

            await VolumeFile.WriteAsync(Path.Combine(data, id + ".nii.gz"), new Volume(geometry, 1, new float[geometry.Shape.VoxelCount]), token);
            await VolumeFile.WriteAsync(Path.Combine(data, "labels", id + ".nii.gz"), labels, token);
            await VolumeFile.WriteAsync(Path.Combine(data, "predictions", id + ".nii.gz"), prediction, token);
        }

        return data;
    }

    private Task<string> WritePhantomFolderAsync() => PhantomFolder.WriteAsync(_folder);
}
