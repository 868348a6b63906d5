// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>Silos leaving mid-job: a cluster of its own (three silos, jobs kept in <c>FileGrainStorage</c>), since the test
/// stops silos.</summary>
public sealed class SiloFailureTests
{
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    [Fact]
    public async Task StopSilo_HostingTheJobMidJob_JobMovesAndEveryCaseEndsExactlyOnce()
    {
        using var cases = await TestCases.WriteAsync(12, i => $"stop_{i:000}");
        await using var harness = await SegmentationTestCluster.StartAsync(3, cases.Folder("state"));
        var cluster = harness.Client;
        var output = cases.Folder("masks");

        var jobId = await cluster.SubmitAsync(new SegmentationManifest(cases.Images), output, "fake", cancellationToken: _timeout);
        string host = "";
        await foreach (var status in cluster.WatchAsync(jobId, TimeSpan.FromMilliseconds(50), _timeout))
        {
            host = status.HostSilo;
            if (status.Succeeded >= 3 && status.Running > 0)
            {
                break;
            }
        }

        var stopped = harness.Cluster.Silos.Single(s => s.SiloAddress.ToParsableString() == host);
        await harness.Cluster.StopSiloAsync(stopped, _timeout);
        var final = await cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);

        Assert.Equal(SegmentationJobState.Completed, final.State);
        Assert.NotEqual(host, (await cluster.GetStatusAsync(jobId, cancellationToken: _timeout)).HostSilo);
        Assert.Equal(12, final.Succeeded);
        Assert.Equal(cases.CaseIds, final.Cases.Select(c => c.CaseId));
        Assert.All(final.Cases, c => Assert.True(c.Attempts == 1 || c.Errors.Count == c.Attempts - 1, $"{c.CaseId}: every extra attempt has its reason"));
        await SegmentationClusterTests.AssertMasksAsync(cases, output, cases.CaseIds);
    }

    [Fact]
    public async Task KillSilo_MidCase_ItsCaseIsTakenBackAndEndsOnAnotherSilo_EveryCaseEndsExactlyOnce()
    {
        using var cases = await TestCases.WriteAsync(12, i => i == 4 ? "kill_hang" : $"kill_{i:000}");
        await using var harness = await SegmentationTestCluster.StartAsync(3, cases.Folder("state"));
        var cluster = harness.Client;
        var output = cases.Folder("masks");

        var jobId = await cluster.SubmitAsync(new SegmentationManifest(cases.Images), output, "fake", cancellationToken: _timeout);
        while (!harness.Log.Started.Any(c => c.CaseId == "kill_hang"))
        {
            await Task.Delay(20, _timeout);
        }

        var victim = harness.Cluster.Silos.Single(s => s.Name == harness.Log.Started.First(c => c.CaseId == "kill_hang").Silo);
        await harness.Cluster.KillSiloAsync(victim, _timeout);
        var final = await cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);

        Assert.Equal((SegmentationJobState.Completed, 12), (final.State, final.Succeeded));
        var retried = final.Cases.Single(c => c.CaseId == "kill_hang");
        var killed = victim.SiloAddress.ToParsableString();
        Assert.Equal(2, retried.Attempts);
        Assert.NotEqual(killed, retried.Silo);
        var error = Assert.Single(retried.Errors);
        Assert.Contains(killed, error, StringComparison.Ordinal);
        // In process, KillSiloAsync still cancels the silo's hosted services, so the dispatcher hands the case back
        // ("abandoned"); a real SIGKILL, where the membership check finds it "lost", is SiloProcessTests' job.
        Assert.Contains("abandoned", error, StringComparison.Ordinal);
        await SegmentationClusterTests.AssertMasksAsync(cases, output, cases.CaseIds);
    }
}
