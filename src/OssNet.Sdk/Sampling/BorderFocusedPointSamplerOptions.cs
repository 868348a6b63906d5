// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Sdk.Sampling;

/// <summary>Options of <see cref="BorderFocusedPointSampler"/>.</summary>
public sealed class BorderFocusedPointSamplerOptions : PointSamplerOptions
{
    /// <summary>Gets or sets the share of the points drawn, without replacement, from the border band.</summary>
    /// <value>
    /// The default value is 0.5 (the reference's <c>border_balance</c> for LiTS training; its LiTS validation set uses
    /// 0.4). <c>(int)(BorderShare · PointCount)</c> points come from the band, the rest are uniform. Range [0, 1].
    /// </value>
    [Range(0.0, 1.0)]
    public double BorderShare { get; set; } = PointSamplerDefaults.BorderShare;
}
