// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using OssNet.Sdk.IO;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>One three-silo in-process cluster (memory job storage) shared by the tests of this class.</summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    internal SegmentationTestCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Cluster = await SegmentationTestCluster.StartAsync(3);

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Jobs on a healthy three-silo cluster: distribution, failures, cancellation, equality with one process.</summary>
public sealed class SegmentationClusterTests(ThreeSiloClusterFixture fixture) : IClassFixture<ThreeSiloClusterFixture>
{
    private readonly CancellationToken _timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;

    private ISegmentationCluster Cluster => fixture.Cluster.Client;

    [Fact]
    public async Task SubmitAsync_NineCases_EachEndsOnceWithItsMaskAndWorkIsSpreadOverSilos()
    {
        using var cases = await TestCases.WriteAsync(9, i => $"spread_{i:000}");
        var output = cases.Folder("masks");
        var progress = new List<SegmentationJobStatus>();

        var jobId = await Cluster.SubmitAsync(new SegmentationManifest(cases.Images), output, "fake", cancellationToken: _timeout);
        var final = await Cluster.WaitForCompletionAsync(jobId, new SynchronousProgress<SegmentationJobStatus>(progress.Add), _timeout);

        Assert.Equal(SegmentationJobState.Completed, final.State);
        Assert.Equal(9, final.Succeeded);
        Assert.Equal(cases.CaseIds, final.Cases.Select(c => c.CaseId));
        Assert.All(final.Cases, c => Assert.Equal(1, c.Attempts));
        Assert.True(final.Cases.Select(c => c.Silo).Distinct().Count() >= 2, "the cases should be spread over at least two of the three silos");
        Assert.Equal(final.Ended, progress[^1].Ended);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.Ended <= p.Second.Ended), "progress never goes back");
        await AssertMasksAsync(cases, output, cases.CaseIds);
        Assert.All(cases.CaseIds, id => Assert.Equal(1, fixture.Cluster.Log.Finished.Count(c => c.CaseId == id)));
    }

    [Fact]
    public async Task SubmitAsync_CaseThatAlwaysFails_FailsAfterMaxAttemptsOnThreeSilosWithItsError_RestComplete()
    {
        using var cases = await TestCases.WriteAsync(5, i => i == 2 ? "fail_bad" : $"fail_{i:000}");
        var output = cases.Folder("masks");

        var jobId = await Cluster.SubmitAsync(new SegmentationManifest(cases.Images), output, "fake", new SegmentationJobOptions { MaxAttempts = 3 }, _timeout);
        var final = await Cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);

        Assert.Equal(SegmentationJobState.Completed, final.State);
        Assert.Equal((4, 1), (final.Succeeded, final.Failed));
        var bad = Assert.Single(final.Cases, c => c.State == SegmentationCaseState.Failed);
        Assert.Equal("fail_bad", bad.CaseId);
        Assert.Equal(3, bad.Attempts);
        Assert.Equal(3, bad.Errors.Count);
        Assert.All(bad.Errors, e => Assert.Contains(FakeSegmenter.FailureMessage, e, StringComparison.Ordinal));
        Assert.Equal(3, fixture.Cluster.Log.Started.Where(c => c.CaseId == "fail_bad").Select(c => c.Silo).Distinct().Count());
        Assert.Null(bad.MaskPath);
        await AssertMasksAsync(cases, output, [.. cases.CaseIds.Where(id => id != "fail_bad")]);
    }

    [Fact]
    public async Task CancelAsync_MidJob_CancelsRunningCasesAndStartsNoMore()
    {
        using var cases = await TestCases.WriteAsync(6, i => $"cancel_{i:000}");
        var jobId = await Cluster.SubmitAsync(new SegmentationManifest(cases.Images), cases.Folder("masks"), "slow", cancellationToken: _timeout);
        await foreach (var status in Cluster.WatchAsync(jobId, TimeSpan.FromMilliseconds(50), _timeout))
        {
            if (CountStarted("cancel_") >= 3)
            {
                break; // one case per silo is inside the model
            }
        }

        Assert.True(await Cluster.CancelAsync(jobId, _timeout));
        var final = await Cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);
        var started = CountStarted("cancel_");
        await WaitUntilAsync(() => fixture.Cluster.Log.CancelledCalls.Count(c => c.CaseId.StartsWith("cancel_", StringComparison.Ordinal)) == started);
        await Task.Delay(TimeSpan.FromMilliseconds(500), _timeout);

        Assert.Equal(SegmentationJobState.Cancelled, final.State);
        Assert.Equal((0, 6), (final.Succeeded, final.Cancelled));
        Assert.Equal(3, started); // one case per silo was running; none started after the cancellation
        Assert.Equal(started, CountStarted("cancel_"));
        Assert.False(await Cluster.CancelAsync(jobId, _timeout));
        Assert.Empty(Directory.EnumerateFileSystemEntries(cases.Folder("masks")));
    }

    [Fact]
    public async Task SubmitAsync_TinyModel_MasksEqualSingleProcessSegmentationByteForByte()
    {
        using var cases = await TestCases.WriteAsync(4, i => $"tiny_{i:000}", seed: 9);
        var output = cases.Folder("cluster");
        var reference = cases.Folder("single");

        var jobId = await Cluster.SubmitAsync(new SegmentationManifest(cases.Images), output, "tiny", cancellationToken: _timeout);
        var final = await Cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);

        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("tiny", SegmentationTestCluster.TinyModel);
        await using (var provider = services.BuildServiceProvider())
        {
            var segmenter = provider.GetRequiredKeyedService<ISegmenter>("tiny");
            foreach (var id in cases.CaseIds)
            {
                var image = await VolumeFile.ReadVolumeAsync(Path.Combine(cases.Images, id + ".nii.gz"), cancellationToken: _timeout);
                var result = await segmenter.SegmentAsync(new VolumeCase(id, image), cancellationToken: _timeout);
                await VolumeFile.WriteAsync(MaskFiles.PathFor(reference, id), result.Mask, _timeout);
            }
        }

        Assert.Equal(4, final.Succeeded);
        Assert.All(final.Cases, c => Assert.True(c.ForegroundVoxels > 0, $"{c.CaseId}: an empty mask proves nothing"));
        foreach (var id in cases.CaseIds)
        {
            Assert.Equal(await File.ReadAllBytesAsync(MaskFiles.PathFor(reference, id), _timeout), await File.ReadAllBytesAsync(MaskFiles.PathFor(output, id), _timeout));
        }
    }

    [Fact]
    public async Task SubmitAsync_UnknownCaseId_ThrowsNamingTheCaseAndLocation()
    {
        using var cases = await TestCases.WriteAsync(1);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            Cluster.SubmitAsync(new SegmentationManifest(cases.Images, ["case_000", "no_such_case"]), cases.Folder("masks"), "fake", cancellationToken: _timeout));

        Assert.Contains("no_such_case", error.Message, StringComparison.Ordinal);
        Assert.Contains(cases.Images, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListJobsAsync_AfterSubmit_ListsTheJobWithItsCounts_AndSubsetManifestSegmentsOnlyItsCases()
    {
        using var cases = await TestCases.WriteAsync(3, i => $"list_{i:000}");
        var output = cases.Folder("masks");
        var jobId = await Cluster.SubmitAsync(new SegmentationManifest(cases.Images, ["list_002"]), output, "fake", cancellationToken: _timeout);
        await Cluster.WaitForCompletionAsync(jobId, cancellationToken: _timeout);

        var listed = Assert.Single(await Cluster.ListJobsAsync(cancellationToken: _timeout), j => j.JobId == jobId);
        Assert.Equal((1, 1, SegmentationJobState.Completed), (listed.Total, listed.Succeeded, listed.State));
        Assert.DoesNotContain(await Cluster.ListJobsAsync(runningOnly: true, _timeout), j => j.JobId == jobId);
        Assert.Equal(["list_002_mask.nii.gz"], Directory.EnumerateFiles(output).Select(Path.GetFileName));
    }

    internal static async Task AssertMasksAsync(TestCases cases, string output, IReadOnlyList<string> expectedIds)
    {
        // Exactly one file per case, no temporary leftovers, each the fake's mask of its image.
        Assert.Equal(
            expectedIds.Select(id => Path.GetFileName(MaskFiles.PathFor(output, id))).Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(output).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        foreach (var id in expectedIds)
        {
            var image = await VolumeFile.ReadVolumeAsync(Path.Combine(cases.Images, id + ".nii.gz"));
            var mask = await VolumeFile.ReadLabelsAsync(MaskFiles.PathFor(output, id));
            Assert.Equal(FakeSegmenter.ExpectedMask(image).Labels.ToArray(), mask.Labels.ToArray());
        }
    }

    private int CountStarted(string prefix) => fixture.Cluster.Log.Started.Count(c => c.CaseId.StartsWith(prefix, StringComparison.Ordinal));

    private async Task WaitUntilAsync(Func<bool> condition)
    {
        while (!condition())
        {
            await Task.Delay(50, _timeout);
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
