// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Samples.Tests;

/// <summary>Every sample runs end to end with <c>--smoke</c> (train, segment, write files) and says what it did.</summary>
[Trait("Category", "Integration")]
public sealed class SampleSmokeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-samples-").FullName;

    [Fact]
    public async Task QuickStart_Smoke_TrainsSegmentsAndWritesNiftiAndPng()
    {
        var output = Path.Combine(_folder, "quickstart");

        var run = await SampleProcess.RunAsync(SampleProcess.DllOf("OssNet.Samples.QuickStart", "OssNet.Samples.QuickStart"), _folder, "--smoke", "--output", output);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Held-out phantom-000: Dice", run.Output, StringComparison.Ordinal);
        Assert.Contains("Wrote mask:", run.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(output, "phantom-000_mask.nii.gz")).Length > 0);
        Assert.True(File.Exists(Path.Combine(output, "images", "labels", "phantom-000.nii.gz")));
        Assert.True(File.Exists(Path.Combine(output, "ossnet-tiny.dat")));
        var png = await File.ReadAllBytesAsync(Path.Combine(output, "phantom-000_montage.png"), TestContext.Current.CancellationToken);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
    }

    [Fact]
    public async Task CustomEncoder_Smoke_TrainsWithTheCustomEncoder()
    {
        var run = await SampleProcess.RunAsync(SampleProcess.DllOf("OssNet.Samples.CustomEncoder", "OssNet.Samples.CustomEncoder"), _folder, "--smoke");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("with CompactEncoder", run.Output, StringComparison.Ordinal);
        Assert.Contains("low-resolution head: True", run.Output, StringComparison.Ordinal);
        Assert.Contains("Held-out phantom-000: Dice", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedSegmentation_Smoke_SegmentsTheFolderThroughTheHost()
    {
        var run = await SampleProcess.RunAsync(SampleProcess.DllOf("OssNet.Samples.HostedSegmentation", "OssNet.Samples.HostedSegmentation"), _folder, "--smoke");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Segmenting 2 case(s)", run.Output, StringComparison.Ordinal);
        Assert.Contains("phantom-001_mask.nii.gz", run.Output, StringComparison.Ordinal);
        Assert.Contains("Done: 2 case(s).", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostedSegmentation_InvalidConfiguration_StopsAtStartNamingTheField()
    {
        var run = await SampleProcess.RunAsync(
            SampleProcess.DllOf("OssNet.Samples.HostedSegmentation", "OssNet.Samples.HostedSegmentation"), _folder,
            "--smoke", "--OssNet:Segmenters:brain:MaxPointsPerForward=0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("MaxPointsPerForward", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Segmenting", run.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
