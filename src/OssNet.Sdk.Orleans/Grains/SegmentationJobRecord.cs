// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>The persisted state of a job grain: written on every transition, so a job resumes where it was when the silo that
/// hosted it stops.</summary>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.SegmentationJobRecord")]
public sealed class SegmentationJobRecord
{
    /// <summary>Gets or sets the manifest; null until the job is started.</summary>
    [Id(0)]
    public SegmentationManifest? Manifest { get; set; }

    /// <summary>Gets or sets the output folder.</summary>
    [Id(1)]
    public string OutputFolder { get; set; } = "";

    /// <summary>Gets or sets the segmenter name.</summary>
    [Id(2)]
    public string SegmenterName { get; set; } = "";

    /// <summary>Gets or sets the job options.</summary>
    [Id(3)]
    public SegmentationJobOptions Options { get; set; } = new();

    /// <summary>Gets or sets where the job is.</summary>
    [Id(4)]
    public SegmentationJobState State { get; set; }

    /// <summary>Gets or sets when the job was submitted.</summary>
    [Id(5)]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the job finished.</summary>
    [Id(6)]
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Gets or sets the cases, in manifest order.</summary>
    [Id(7)]
    public List<CaseRecord> Cases { get; set; } = [];
}

/// <summary>The persisted state of one case.</summary>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.CaseRecord")]
public sealed class CaseRecord
{
    /// <summary>Gets or sets the case identifier.</summary>
    [Id(0)]
    public string CaseId { get; set; } = "";

    /// <summary>Gets or sets where the case is.</summary>
    [Id(1)]
    public SegmentationCaseState State { get; set; }

    /// <summary>Gets or sets the number of attempts so far.</summary>
    [Id(2)]
    public int Attempts { get; set; }

    /// <summary>Gets or sets the current attempt's lease while running.</summary>
    [Id(3)]
    public string? LeaseId { get; set; }

    /// <summary>Gets or sets the silo of the last attempt.</summary>
    [Id(4)]
    public string? Silo { get; set; }

    /// <summary>Gets or sets the silos whose attempts failed or were lost.</summary>
    [Id(5)]
    public List<string> FailedOn { get; set; } = [];

    /// <summary>Gets or sets the reasons of failed or lost attempts.</summary>
    [Id(6)]
    public List<string> Errors { get; set; } = [];

    /// <summary>Gets or sets the mask path once succeeded.</summary>
    [Id(7)]
    public string? MaskPath { get; set; }

    /// <summary>Gets or sets the mask's foreground voxels once succeeded.</summary>
    [Id(8)]
    public long ForegroundVoxels { get; set; }

    /// <summary>Gets or sets the seconds the successful attempt took.</summary>
    [Id(9)]
    public double Seconds { get; set; }

    /// <summary>Gets a value indicating whether the case will change no more.</summary>
    public bool IsFinal => State is SegmentationCaseState.Succeeded or SegmentationCaseState.Failed or SegmentationCaseState.Cancelled;

    /// <summary>The public view of the case.</summary>
    public SegmentationCaseStatus ToStatus() =>
        new(CaseId, State, Attempts, Silo, MaskPath, ForegroundVoxels, Seconds, [.. Errors]);
}
