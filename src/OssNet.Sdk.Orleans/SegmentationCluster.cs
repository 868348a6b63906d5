// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Runtime.CompilerServices;
using OssNet.Sdk.Orleans.Grains;

namespace OssNet.Sdk.Orleans;

/// <summary>The <see cref="ISegmentationCluster"/> over an Orleans client or silo's grain factory.</summary>
/// <remarks>Progress is polled rather than streamed: a poll survives the job grain moving to another silo, needs no stream
/// provider, and costs one small message per interval.</remarks>
internal sealed class SegmentationCluster(IGrainFactory grains) : ISegmentationCluster
{
    private static readonly TimeSpan s_defaultInterval = TimeSpan.FromSeconds(1);

    public async Task<string> SubmitAsync(SegmentationManifest manifest, string outputFolder, string segmenterName, SegmentationJobOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmenterName);
        options ??= new SegmentationJobOptions();
        options.Validate();

        // Paths are resolved here, where the user typed them; silos see the same absolute paths on shared storage.
        var location = Path.Exists(manifest.Location) ? Path.GetFullPath(manifest.Location) : manifest.Location;
        var jobId = $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}";
        await grains.GetGrain<ISegmentationJobGrain>(jobId)
            .StartAsync(manifest with { Location = location }, Path.GetFullPath(outputFolder), segmenterName, options)
            .WaitAsync(cancellationToken);
        return jobId;
    }

    public Task<SegmentationJobStatus> GetStatusAsync(string jobId, bool includeCases = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return grains.GetGrain<ISegmentationJobGrain>(jobId).GetStatusAsync(includeCases).WaitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<SegmentationJobStatus> WatchAsync(string jobId, TimeSpan? interval = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        var period = interval ?? s_defaultInterval;
        while (true)
        {
            var status = await PollAsync(jobId, cancellationToken);
            if (status.IsFinished)
            {
                yield return await GetStatusAsync(jobId, includeCases: true, cancellationToken);
                yield break;
            }

            yield return status;
            await Task.Delay(period, cancellationToken);
        }
    }

    public async Task<SegmentationJobStatus> WaitForCompletionAsync(string jobId, IProgress<SegmentationJobStatus>? progress = null, CancellationToken cancellationToken = default)
    {
        SegmentationJobStatus? last = null;
        await foreach (var status in WatchAsync(jobId, cancellationToken: cancellationToken))
        {
            progress?.Report(status);
            last = status;
        }

        return last!;
    }

    public async Task<IReadOnlyList<SegmentationJobStatus>> ListJobsAsync(bool runningOnly = false, CancellationToken cancellationToken = default)
    {
        var entries = await grains.GetGrain<ISegmentationJobDirectoryGrain>(0).ListAsync(runningOnly).WaitAsync(cancellationToken);
        return await Task.WhenAll(entries.Select(e => GetStatusAsync(e.JobId, includeCases: false, cancellationToken)));
    }

    public Task<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        return grains.GetGrain<ISegmentationJobGrain>(jobId).CancelAsync().WaitAsync(cancellationToken);
    }

    /// <summary>Polls the job, riding out the seconds in which its grain moves from a dead silo to a live one.</summary>
    private async Task<SegmentationJobStatus> PollAsync(string jobId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await GetStatusAsync(jobId, includeCases: false, cancellationToken);
            }
            catch (Exception exception) when (exception is TimeoutException or SiloUnavailableException or OrleansMessageRejectionException && attempt < 30)
            {
                await Task.Delay(s_defaultInterval, cancellationToken);
            }
        }
    }
}
