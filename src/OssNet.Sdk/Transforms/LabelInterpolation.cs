// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Transforms;

/// <summary>How resampling transforms pick a label for a new voxel (labels are never interpolated).</summary>
public enum LabelInterpolation
{
    /// <summary>
    /// Centre-aligned nearest neighbour: the source voxel whose centre is closest to the new voxel's centre
    /// (<c>floor((i + 0.5)·in/out)</c>, PyTorch <c>mode="nearest-exact"</c>). Geometrically correct; the default.
    /// </summary>
    Nearest,

    /// <summary>
    /// PyTorch's legacy <c>mode="nearest"</c>: <c>floor(i·in/out)</c> in float32. Up to half a source voxel off, but it is
    /// what the reference uses for LiTS labels and border maps (see docs/transforms.md); <see cref="Preprocessing.LiTs"/> uses it.
    /// </summary>
    NearestPyTorchLegacy,
}
