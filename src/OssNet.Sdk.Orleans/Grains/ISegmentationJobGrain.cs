// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>One segmentation job (keyed by its id): lists the manifest's cases, leases them to workers, retries failed or lost
/// ones on other silos, and persists every transition in <see cref="SegmentationClusterNames.JobStorage"/>.</summary>
[Alias("OssNet.Sdk.Orleans.ISegmentationJobGrain")]
public interface ISegmentationJobGrain : IGrainWithStringKey
{
    /// <summary>Starts the job; a second call with the same job id returns the first's status.</summary>
    [Alias("Start")]
    Task<SegmentationJobStatus> StartAsync(SegmentationManifest manifest, string outputFolder, string segmenterName, SegmentationJobOptions options);

    /// <summary>Leases the next pending case to a worker on <paramref name="silo"/>, preferring cases that have not failed there;
    /// null when none is pending (or the job is finished).</summary>
    [Alias("Lease")]
    Task<CaseLease?> LeaseAsync(string silo);

    /// <summary>Keeps a lease alive; false when the lease is no longer valid (the job was cancelled, or the case was taken back),
    /// in which case the worker should stop.</summary>
    [Alias("Renew")]
    Task<bool> RenewAsync(string leaseId);

    /// <summary>Records how an attempt ended; false when the lease was no longer valid (the outcome is then ignored).</summary>
    [Alias("Report")]
    Task<bool> ReportAsync(CaseOutcome outcome);

    /// <summary>Cancels the job: pending and running cases end as cancelled and running workers are told to stop.</summary>
    /// <returns>False when the job had already finished.</returns>
    [Alias("Cancel")]
    Task<bool> CancelAsync();

    /// <summary>Returns the job's progress, with every case when <paramref name="includeCases"/>.</summary>
    [Alias("GetStatus")]
    Task<SegmentationJobStatus> GetStatusAsync(bool includeCases);
}
