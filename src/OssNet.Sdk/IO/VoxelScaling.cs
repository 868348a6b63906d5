// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>A linear intensity mapping value = slope · stored + intercept (NIfTI scl_slope/scl_inter).</summary>
/// <param name="Slope">The multiplier.</param>
/// <param name="Intercept">The offset.</param>
internal readonly record struct VoxelScaling(double Slope, double Intercept)
{
    /// <summary>Gets the mapping that leaves values unchanged.</summary>
    public static VoxelScaling None { get; } = new(1, 0);

    /// <summary>Gets a value indicating whether the mapping is the identity (so conversion can skip it).</summary>
    public bool IsIdentity => Slope == 1 && Intercept == 0;
}
