// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>Segments cases with one keyed segmenter (the grain key is the segmenter's name). A stateless worker with one
/// activation per silo: it always runs on the silo that calls it, uses that silo's single model instance, and takes one call
/// at a time, so calls on a model are serialised.</summary>
[Alias("OssNet.Sdk.Orleans.ISegmentationWorkerGrain")]
public interface ISegmentationWorkerGrain : IGrainWithStringKey
{
    /// <summary>Loads the case from its location, segments it and writes its mask atomically; failures come back as an
    /// outcome with an error, cancellation as an abandoned outcome.</summary>
    [Alias("Segment")]
    Task<CaseOutcome> SegmentAsync(CaseLease lease, CancellationToken cancellationToken);
}
