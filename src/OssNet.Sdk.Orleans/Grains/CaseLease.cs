// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>A case handed to a worker: what to segment, with what, and where the mask goes. Only paths travel.</summary>
/// <param name="JobId">The job.</param>
/// <param name="LeaseId">Identifies this attempt; reports and heartbeats of an older attempt are ignored.</param>
/// <param name="CaseId">The case.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="Location">The manifest's location.</param>
/// <param name="OutputFolder">The folder for the mask.</param>
/// <param name="SegmenterName">The keyed segmenter to use.</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.CaseLease")]
public sealed record CaseLease(
    [property: Id(0)] string JobId,
    [property: Id(1)] string LeaseId,
    [property: Id(2)] string CaseId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string Location,
    [property: Id(5)] string OutputFolder,
    [property: Id(6)] string SegmenterName);

/// <summary>How an attempt ended, reported by the silo that made it.</summary>
/// <param name="LeaseId">The attempt.</param>
/// <param name="Silo">The silo that made it.</param>
/// <param name="MaskPath">The mask written, on success.</param>
/// <param name="ForegroundVoxels">The mask's foreground voxels, on success.</param>
/// <param name="Seconds">How long the attempt took.</param>
/// <param name="Error">Why it failed; null on success.</param>
/// <param name="Abandoned">True when the worker stopped without a result (cancellation or its silo shutting down).</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.CaseOutcome")]
public sealed record CaseOutcome(
    [property: Id(0)] string LeaseId,
    [property: Id(1)] string Silo,
    [property: Id(2)] string? MaskPath,
    [property: Id(3)] long ForegroundVoxels,
    [property: Id(4)] double Seconds,
    [property: Id(5)] string? Error,
    [property: Id(6)] bool Abandoned = false)
{
    /// <summary>Gets a value indicating whether the mask was written.</summary>
    public bool Succeeded => Error is null && !Abandoned && MaskPath is not null;
}

/// <summary>A job as the directory knows it: enough for workers to find work and for <c>ossnet jobs</c> to list.</summary>
/// <param name="JobId">The job.</param>
/// <param name="SegmenterName">The keyed segmenter its cases need.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="IsFinished">Whether it completed or was cancelled.</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.JobEntry")]
public sealed record JobEntry(
    [property: Id(0)] string JobId,
    [property: Id(1)] string SegmenterName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] bool IsFinished);
