// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>The reference's sampling defaults (OSS-Net <c>--training_samples</c>, <c>border_balance</c>).</summary>
internal static class PointSamplerDefaults
{
    /// <summary>2¹⁴ points per volume per iteration.</summary>
    public const int PointCount = 1 << 14;

    /// <summary>Half of the points from the border band (the LiTS runs; 0.4 in the LiTS validation set).</summary>
    public const double BorderShare = 0.5;
}
