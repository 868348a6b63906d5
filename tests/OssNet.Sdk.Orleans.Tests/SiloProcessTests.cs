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
        var modelOptions = WriteModel(cases);
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

        Assert.True(submit.ExitCode == 0, submit.Output);
        Assert.Contains("completed: 16 of 16 case(s) segmented", submit.Output, StringComparison.Ordinal);
        Assert.Contains("lost: silo", submit.Output, StringComparison.Ordinal); // the killed silo's case was taken back
        await AssertMasksEqualSegmentAsync(cases, masks, modelOptions);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Submit_RedisClustering_FindsSilosThroughRedis_AndJobStateOutlivesEverySilo()
    {
        var redisServer = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);
        Assert.SkipWhen(redisServer is null, "redis-server is not installed (apt-get install redis-server)");
        using var cases = await TestCases.WriteAsync(6, i => $"redis_{i:000}", seed: 9);
        var modelOptions = WriteModel(cases);
        var redisPort = OssnetProcess.FreePort();
        using var redis = System.Diagnostics.Process.Start(redisServer!, ["--port", $"{redisPort}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]);
        try
        {
            string[] cluster = ["--redis", $"127.0.0.1:{redisPort}", "--cluster-id", $"test-{Guid.NewGuid():N}"];
            using (var first = OssnetProcess.Start(cases.Root, ["silo", "--port", $"{OssnetProcess.FreePort()}", "--gateway-port", $"{OssnetProcess.FreePort()}", "--input-channels", "1", .. cluster, .. modelOptions]))
            using (var second = OssnetProcess.Start(cases.Root, ["silo", "--port", $"{OssnetProcess.FreePort()}", "--gateway-port", $"{OssnetProcess.FreePort()}", "--input-channels", "1", .. cluster, .. modelOptions]))
            {
                await first.WaitForOutputAsync("ossnet silo: ready", s_start);
                await second.WaitForOutputAsync("ossnet silo: ready", s_start);
                var masks = cases.Folder("cluster");
                var submit = await OssnetProcess.RunAsync(cases.Root, TimeSpan.FromMinutes(3), ["submit", "--input", cases.Images, "--output", masks, .. cluster]);

                Assert.True(submit.ExitCode == 0, submit.Output);                  // no --gateway: the client found the silos in Redis
                Assert.Contains("completed: 6 of 6 case(s) segmented", submit.Output, StringComparison.Ordinal);
                await AssertMasksEqualSegmentAsync(cases, masks, modelOptions);
            }

            // Both silos are gone; a new one reads the job back from Redis storage.
            using var third = OssnetProcess.Start(cases.Root, ["silo", "--port", $"{OssnetProcess.FreePort()}", "--gateway-port", $"{OssnetProcess.FreePort()}", .. cluster, .. modelOptions]);
            await third.WaitForOutputAsync("ossnet silo: ready", s_start);
            var jobs = await OssnetProcess.RunAsync(cases.Root, TimeSpan.FromMinutes(2), ["jobs", .. cluster]);
            Assert.True(jobs.ExitCode == 0, jobs.Output);
            Assert.Matches(@"Completed\s*│\s*default\s*│\s*6\s*│\s*0\s*│\s*0\s*│\s*6", jobs.Output);
        }
        finally
        {
            redis!.Kill();
        }
    }

    /// <summary>Saves the weights every process loads (an untrained model's weights are random per process otherwise) and
    /// returns the model options of <c>silo</c> and <c>segment</c>.</summary>
    private static string[] WriteModel(TestCases cases)
    {
        var weights = Path.Combine(cases.Root, "tiny.dat");
        var architecture = OssNetPresets.Tiny;
        architecture.InputChannels = 1;
        architecture.Seed = 1; // an untrained model whose masks are neither empty nor full on these phantoms
        using (var model = OssNetModel.Create(architecture))
        {
            model.SaveWeights(weights);
        }

        return ["--preset", "tiny", "--weights", weights, "--preprocessing", "zscore-pad"];
    }

    /// <summary>Runs <c>ossnet segment</c> with the same model options and compares every mask file byte for byte.</summary>
    private static async Task AssertMasksEqualSegmentAsync(TestCases cases, string masks, string[] modelOptions)
    {
        var reference = cases.Folder("single");
        var segment = await OssnetProcess.RunAsync(cases.Root, TimeSpan.FromMinutes(2), ["segment", "--input", cases.Images, "--output", reference, .. modelOptions]);
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
