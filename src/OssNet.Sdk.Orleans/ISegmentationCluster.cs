// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans;

/// <summary>Submits segmentation jobs to an Orleans cluster and follows them. Registered by <c>AddOssNetSegmentationClient()</c>
/// (clients) and <c>AddOssNetSegmentation()</c> (silos); thread-safe.</summary>
public interface ISegmentationCluster
{
    /// <summary>Submits a job: every case of <paramref name="manifest"/> is segmented by the silos' keyed segmenter
    /// <paramref name="segmenterName"/> and written to <paramref name="outputFolder"/> as <c>&lt;case&gt;_mask.nii.gz</c>.</summary>
    /// <param name="manifest">The cases (paths, resolved against this process's current folder when relative).</param>
    /// <param name="outputFolder">The folder for the masks; every silo must be able to write it at the same path.</param>
    /// <param name="segmenterName">The name the silos registered the segmenter under (<c>AddOssNet().AddSegmenter(name, …)</c>).</param>
    /// <param name="options">Retries and lease timeout; the defaults when null.</param>
    /// <param name="cancellationToken">Cancels waiting for the cluster (not the job: use <see cref="CancelAsync"/>).</param>
    /// <returns>The job id.</returns>
    /// <exception cref="ArgumentException">The location holds no case, or names cases it does not have.</exception>
    Task<string> SubmitAsync(SegmentationManifest manifest, string outputFolder, string segmenterName, SegmentationJobOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Returns a job's progress, with every case when <paramref name="includeCases"/>.</summary>
    /// <exception cref="KeyNotFoundException">No job has that id.</exception>
    Task<SegmentationJobStatus> GetStatusAsync(string jobId, bool includeCases = false, CancellationToken cancellationToken = default);

    /// <summary>Yields the job's progress every <paramref name="interval"/> (and whenever it changed), ending with its final status
    /// (every case included).</summary>
    IAsyncEnumerable<SegmentationJobStatus> WatchAsync(string jobId, TimeSpan? interval = null, CancellationToken cancellationToken = default);

    /// <summary>Waits until the job completes or is cancelled, reporting progress on the way.</summary>
    /// <returns>The final status, every case included.</returns>
    Task<SegmentationJobStatus> WaitForCompletionAsync(string jobId, IProgress<SegmentationJobStatus>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Lists the cluster's jobs, oldest first (counts only).</summary>
    Task<IReadOnlyList<SegmentationJobStatus>> ListJobsAsync(bool runningOnly = false, CancellationToken cancellationToken = default);

    /// <summary>Cancels a job; false when it had already finished.</summary>
    Task<bool> CancelAsync(string jobId, CancellationToken cancellationToken = default);
}
