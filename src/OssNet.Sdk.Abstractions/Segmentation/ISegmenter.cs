// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Segmentation;

/// <summary>Segments a case: the one inference entry point for every model family (OSS-Net, O-Net, 2D/3D U-Net).</summary>
/// <remarks>Implementations own their model and are thread-safe (they serialise calls on one model).</remarks>
public interface ISegmenter
{
    /// <summary>Gets a short description of the model behind this segmenter (e.g. "OSS-Net C (BraTS 2020)").</summary>
    string ModelName { get; }

    /// <summary>Segments <paramref name="input"/>; the mask is returned on the input's own grid and affine.</summary>
    /// <param name="input">The case; its label, if any, is ignored.</param>
    /// <param name="options">Per-call options; null uses the segmenter's defaults.</param>
    /// <param name="cancellationToken">Cancels between inference stages or chunks.</param>
    Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default);
}
