// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans;

/// <summary>Where a job is in its life.</summary>
public enum SegmentationJobState
{
    /// <summary>Cases are being handed out.</summary>
    Running,

    /// <summary>Every case ended (succeeded or failed).</summary>
    Completed,

    /// <summary>The job was cancelled; cases not yet finished were cancelled.</summary>
    Cancelled,
}

/// <summary>Where a case is in its life. <see cref="Succeeded"/>, <see cref="Failed"/> and <see cref="Cancelled"/> are final.</summary>
public enum SegmentationCaseState
{
    /// <summary>Waiting for a worker (also after a failed or lost attempt with attempts left).</summary>
    Pending,

    /// <summary>Leased to a worker on a silo.</summary>
    Running,

    /// <summary>The mask was written.</summary>
    Succeeded,

    /// <summary>Every attempt failed; <see cref="SegmentationCaseStatus.Errors"/> says why.</summary>
    Failed,

    /// <summary>The job was cancelled before the case finished.</summary>
    Cancelled,
}

/// <summary>One case of a job.</summary>
/// <param name="CaseId">The case identifier (from the manifest's location).</param>
/// <param name="State">Where the case is.</param>
/// <param name="Attempts">How many times it was handed to a worker.</param>
/// <param name="Silo">The silo of the last attempt, or null before the first.</param>
/// <param name="MaskPath">The mask written, once <see cref="SegmentationCaseState.Succeeded"/>.</param>
/// <param name="ForegroundVoxels">The mask's foreground voxels, once succeeded.</param>
/// <param name="Seconds">The time the successful attempt took on its worker (loading, segmenting and writing).</param>
/// <param name="Errors">The reason of every failed or lost attempt, oldest first, each prefixed with its silo.</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.SegmentationCaseStatus")]
public sealed record SegmentationCaseStatus(
    [property: Id(0)] string CaseId,
    [property: Id(1)] SegmentationCaseState State,
    [property: Id(2)] int Attempts,
    [property: Id(3)] string? Silo,
    [property: Id(4)] string? MaskPath,
    [property: Id(5)] long ForegroundVoxels,
    [property: Id(6)] double Seconds,
    [property: Id(7)] IReadOnlyList<string> Errors);

/// <summary>A job's progress: counts per case state and, when asked for, every case.</summary>
/// <param name="JobId">The job identifier returned by <c>SubmitAsync</c>.</param>
/// <param name="SegmenterName">The keyed segmenter the workers use.</param>
/// <param name="Manifest">The cases.</param>
/// <param name="OutputFolder">Where the masks go.</param>
/// <param name="State">Where the job is.</param>
/// <param name="Total">The number of cases.</param>
/// <param name="Pending">Cases waiting for a worker.</param>
/// <param name="Running">Cases being segmented.</param>
/// <param name="Succeeded">Cases with a mask.</param>
/// <param name="Failed">Cases that failed every attempt.</param>
/// <param name="Cancelled">Cases cancelled with the job.</param>
/// <param name="CreatedAt">When the job was submitted.</param>
/// <param name="FinishedAt">When it completed or was cancelled.</param>
/// <param name="HostSilo">The silo whose job grain answered (it moves when that silo stops).</param>
/// <param name="Cases">Every case, in manifest order; empty when not asked for.</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.SegmentationJobStatus")]
public sealed record SegmentationJobStatus(
    [property: Id(0)] string JobId,
    [property: Id(1)] string SegmenterName,
    [property: Id(2)] SegmentationManifest Manifest,
    [property: Id(3)] string OutputFolder,
    [property: Id(4)] SegmentationJobState State,
    [property: Id(5)] int Total,
    [property: Id(6)] int Pending,
    [property: Id(7)] int Running,
    [property: Id(8)] int Succeeded,
    [property: Id(9)] int Failed,
    [property: Id(10)] int Cancelled,
    [property: Id(11)] DateTimeOffset CreatedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] string HostSilo,
    [property: Id(14)] IReadOnlyList<SegmentationCaseStatus> Cases)
{
    /// <summary>Gets a value indicating whether the job will change no more.</summary>
    public bool IsFinished => State != SegmentationJobState.Running;

    /// <summary>Gets the number of cases that ended (succeeded, failed or cancelled).</summary>
    public int Ended => Succeeded + Failed + Cancelled;
}
