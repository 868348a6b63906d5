// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>Two real <c>ossnet silo</c> processes on localhost, an <c>ossnet submit</c>, and a silo killed with SIGKILL mid-job.</summary>
public sealed class SiloProcessTests
{
    private static readonly TimeSpan s_start = TimeSpan.FromMinutes(2);

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Submit_SecondSiloKilledMidJob_EveryCaseEndsWithTheMaskOssnetSegmentWrites()
    {
        using var cases = await TestCases.WriteAsync(16, i => $"proc_{i:000}", seed: 9);
        var weights = Path.Combine(cases.Root, "tiny.dat");
        var architecture = OssNetPresets.Tiny;
        architecture.InputChannels = 1;
        architecture.Seed = 1; // an untrained model whose masks are neither empty nor full on these phantoms
        using (var model = OssNetModel.Create(architecture))
        {
            model.SaveWeights(weights);
        }

        string[] modelOptions = ["--preset", "tiny", "--weights", weights, "--preprocessing", "zscore-pad"];
        var state = cases.Folder("state");
        var (siloPort1, gatewayPort1, siloPort2, gatewayPort2) = (OssnetProcess.FreePort(), OssnetProcess.FreePort(), OssnetProcess.FreePort(), OssnetProcess.FreePort());
        var clusterId = $"test-{Guid.NewGuid():N}";
        using var first = OssnetProcess.Start(cases.Root, ["silo", "--port", $"{siloPort1}", "--gateway-port", $"{gatewayPort1}", "--state", state, "--cluster-id", clusterId, "--input-channels", "1", .. modelOptions]);
        await first.WaitForOutputAsync("ossnet silo: ready", s_start);
        using var second = OssnetProcess.Start(cases.Root, ["silo", "--port", $"{siloPort2}", "--gateway-port", $"{gatewayPort2}", "--primary", $"127.0.0.1:{siloPort1}", "--state", state, "--cluster-id", clusterId, .. modelOptions]);
        await second.WaitForOutputAsync("ossnet silo: ready", s_start);

        var masks = cases.Folder("cluster");
        using var submit = OssnetProcess.Start(cases.Root, "submit", "--input", cases.Images, "--output", masks, "--gateway", $"127.0.0.1:{gatewayPort1}", "--cluster-id", clusterId);
        await second.WaitForOutputAsync("Segmented proc_", s_start); // the second silo took part ...
        Assert.False(submit.HasExited, "the job should still be running when the silo is killed");
        second.Kill();                                               // ... and dies mid-job without a word
        await submit.WaitForExitAsync(TimeSpan.FromMinutes(4));

        var reference = cases.Folder("single");
        var segment = await OssnetProcess.RunAsync(cases.Root, TimeSpan.FromMinutes(2), ["segment", "--input", cases.Images, "--output", reference, .. modelOptions]);

        Assert.True(submit.ExitCode == 0, submit.Output);
        Assert.Contains("completed: 16 of 16 case(s) segmented", submit.Output, StringComparison.Ordinal);
        Assert.Contains("lost: silo", submit.Output, StringComparison.Ordinal); // the killed silo's case was taken back
        Assert.True(segment.ExitCode == 0, segment.Output);
        Assert.Equal(
            cases.CaseIds.Select(id => Path.GetFileName(MaskFiles.PathFor(masks, id))).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(masks).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal)); // one file per case, no leftovers
        var foreground = 0L;
        foreach (var id in cases.CaseIds)
        {
            var expected = await File.ReadAllBytesAsync(MaskFiles.PathFor(reference, id), TestContext.Current.CancellationToken);
            Assert.Equal(expected, await File.ReadAllBytesAsync(MaskFiles.PathFor(masks, id), TestContext.Current.CancellationToken));
            foreground += (await OssNet.Sdk.IO.VolumeFile.ReadLabelsAsync(MaskFiles.PathFor(masks, id), cancellationToken: TestContext.Current.CancellationToken)).CountForeground();
        }

        Assert.True(foreground > 0, "empty masks would make the comparison meaningless");
    }
}
