// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Orleans.Concurrency;

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>The cluster's list of jobs (one grain, key 0, persisted): workers ask it which jobs have work, and clients list jobs.</summary>
[Alias("OssNet.Sdk.Orleans.ISegmentationJobDirectoryGrain")]
public interface ISegmentationJobDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a job (idempotent).</summary>
    [Alias("Register")]
    Task RegisterAsync(string jobId, string segmenterName, DateTimeOffset createdAt);

    /// <summary>Marks a job finished, so workers stop asking it for cases.</summary>
    [Alias("MarkFinished")]
    Task MarkFinishedAsync(string jobId);

    /// <summary>Lists the jobs, oldest first; only the running ones when <paramref name="runningOnly"/>.</summary>
    [Alias("List")]
    [ReadOnly]
    Task<IReadOnlyList<JobEntry>> ListAsync(bool runningOnly);
}
