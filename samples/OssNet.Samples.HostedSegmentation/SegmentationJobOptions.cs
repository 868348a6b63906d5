// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Samples.HostedSegmentation;

/// <summary>The sample's own options (section "Job"): which segmenter, which folder in, which folder out.</summary>
public sealed class SegmentationJobOptions
{
    [Required]
    public string Segmenter { get; set; } = "brain";

    [Required]
    public string InputFolder { get; set; } = "";

    [Required]
    public string OutputFolder { get; set; } = "";
}
