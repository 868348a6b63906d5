// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>Which residual U-Net baseline <see cref="UNetOptions.ForGrid"/> derives.</summary>
public enum UNetKind
{
    /// <summary>The 3D U-Net (<see cref="ResidualUNet3D"/>): pools every axis of the grid.</summary>
    Volumetric3D,

    /// <summary>The slice-wise 2D U-Net (<see cref="ResidualUNet2D"/>): pools the two in-plane axes of each slice.</summary>
    SliceWise2D,
}
