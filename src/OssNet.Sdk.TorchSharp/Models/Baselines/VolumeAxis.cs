// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>A spatial axis of a volume tensor [B, C, X, Y, Z]; the value is the tensor dimension.</summary>
public enum VolumeAxis
{
    /// <summary>The x axis (tensor dimension 2).</summary>
    X = 2,

    /// <summary>The y axis (tensor dimension 3).</summary>
    Y = 3,

    /// <summary>The z axis (tensor dimension 4; the fastest in the voxel layout).</summary>
    Z = 4,
}
