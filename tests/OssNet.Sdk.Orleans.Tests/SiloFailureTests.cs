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
}
