// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>One case of a dataset: an image (one or more channels), an optional label and metadata.</summary>
/// <param name="Id">The case identifier (e.g. "BraTS20_Training_001").</param>
/// <param name="Image">The image; channels in the dataset's order (BraTS: FLAIR, T1, T1ce, T2).</param>
/// <param name="Label">The label map on the image's grid, if the case is labelled.</param>
/// <param name="Metadata">Free-form facts about the case (source files, which affine rule was used, …).</param>
public sealed record VolumeCase(string Id, Volume Image, LabelVolume? Label, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Creates a case without metadata.</summary>
    public VolumeCase(string id, Volume image, LabelVolume? label = null)
        : this(id, image, label, new Dictionary<string, string>())
    {
    }
}
