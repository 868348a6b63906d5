// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Transforms;

/// <summary>How <see cref="DownscaleByTwo"/> reduces the eight labels of a 2×2×2 cell to one.</summary>
public enum LabelReduction
{
    /// <summary>
    /// The largest label in the cell. For a binary mask: foreground if any of the eight voxels is foreground, the rule of
    /// the reference's low-resolution target (<c>adaptive_max_pool3d</c>), which never loses a small structure.
    /// </summary>
    Max,

    /// <summary>The most frequent label in the cell; ties go to the larger label (so a 4/4 split of a binary mask is foreground).</summary>
    Majority,
}
