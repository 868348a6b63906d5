// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans;

/// <summary>
/// The cases of a segmentation job, described by where they are rather than what they hold: volumes travel through the
/// cluster as paths, never as grain-message payloads, so a 500 MB CT never crosses the network twice.
/// </summary>
/// <param name="Location">Anything a silo's <see cref="ICaseSourceOpener"/> opens: by default what <c>IVolumeSourceFactory</c>
/// recognises (a Medical Segmentation Decathlon folder or its dataset.json, a BraTS folder, a folder of volume files, a file
/// list .csv/.tsv/.txt, or one volume file). Every silo must see it at the same path (shared storage); use an absolute path.</param>
/// <param name="CaseIds">The cases to segment, a subset of the location's; null for all of them.</param>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.SegmentationManifest")]
public sealed record SegmentationManifest(
    [property: Id(0)] string Location,
    [property: Id(1)] IReadOnlyList<string>? CaseIds = null);
