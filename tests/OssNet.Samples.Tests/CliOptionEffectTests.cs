// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;

namespace OssNet.Samples.Tests;

/// <summary>
/// Options of <c>ossnet segment</c> and <c>ossnet evaluate</c> take effect: two runs that differ only in one option give
/// different outputs (docs/reference/option-audit.md lists which test covers which option).
/// </summary>
public sealed class CliOptionEffectTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-cli-options-").FullName;

    private static string Tool => SampleProcess.DllOf("OssNet.Cli", "ossnet");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_Threshold_TwoRunsGiveDifferentMasks()
    {
        var data = await PhantomFolder.WriteAsync(_folder);
        var counts = new List<long>();
        foreach (var threshold in new[] { "0.2", "0.8" })
        {
            var masks = Path.Combine(_folder, "masks-" + threshold);
            var run = await SampleProcess.RunAsync(Tool, _folder, "segment", "--input", data, "--output", masks, "--preset", "tiny_o_net", "--threshold", threshold);
            Assert.True(run.ExitCode == 0, run.ToString());
            var mask = await VolumeFile.ReadLabelsAsync(Path.Combine(masks, "phantom-001_mask.nii.gz"), cancellationToken: Token);
            counts.Add(mask.CountForeground());
        }

        Assert.True(counts[0] > counts[1], $"--threshold 0.2 → {counts[0]} voxels, 0.8 → {counts[1]}");
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_PresetAndInputChannels_BuildTheModelAskedFor()
    {
        var data = await PhantomFolder.WriteAsync(_folder);

        var run = await SampleProcess.RunAsync(Tool, _folder, "segment", "--input", data, "--output", Path.Combine(_folder, "m"), "--preset", "tiny_o_net", "--input-channels", "2");

        // The 4-channel phantoms cannot feed a model built for the 2 channels asked for.
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("model 'tiny_o_net' needs 2", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Evaluate_NoSurfaceDistances_LeavesHd95Empty()
    {
        var data = await PhantomFolder.WriteAsync(_folder);
        var reports = new List<string>();
        foreach (var extra in new[] { Array.Empty<string>(), ["--no-surface-distances"] })
        {
            var report = Path.Combine(_folder, $"report{reports.Count}.csv");
            var run = await SampleProcess.RunAsync(Tool, _folder, ["evaluate", "--data", data, "--predictions", Path.Combine(data, "labels"), "--report", report, .. extra]);
            Assert.True(run.ExitCode == 0, run.ToString());
            reports.Add(await File.ReadAllTextAsync(report, Token));
        }

        // Perfect predictions: HD95 is 0 with surface distances and empty without.
        Assert.Equal(0, double.Parse(Hd95Of(reports[0]), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", Hd95Of(reports[1]));
    }

    private static string Hd95Of(string csv) => csv.Split('\n').First(l => l.StartsWith("phantom-001,", StringComparison.Ordinal)).Split(',')[3];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
