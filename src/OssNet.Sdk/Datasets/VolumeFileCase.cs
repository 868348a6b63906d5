// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Datasets;

/// <summary>The files of one case: image files whose channels are concatenated in order, and an optional label file.</summary>
/// <param name="Id">The case identifier.</param>
/// <param name="ImagePaths">The image files (one per modality, or one multi-channel file).</param>
/// <param name="LabelPath">The label map, or null for an unlabelled case.</param>
public sealed record VolumeFileCase(string Id, IReadOnlyList<string> ImagePaths, string? LabelPath = null)
{
    /// <summary>Gets optional channel names (e.g. "FLAIR", "T1"), recorded in the case metadata as channel0, channel1, ….</summary>
    public IReadOnlyList<string> ChannelNames { get; init; } = [];
}
