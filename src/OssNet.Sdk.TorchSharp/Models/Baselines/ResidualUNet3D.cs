// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// The paper's performance baseline: a dense 3D residual U-Net that segments whole volumes [B, C, X, Y, Z] into logits
/// [B, K, X, Y, Z] (K = 1 for a binary network, else its classes), the memory-hungry model OSS-Net is contrasted with.
/// </summary>
/// <remarks>
/// Architecture, padding of odd sizes and memory behaviour: <see cref="ResidualUNet"/>. Presets:
/// <see cref="UNetPresets.BraTs3D"/> (8,959,221 parameters), <see cref="UNetPresets.LiTs3D"/> (8,957,541),
/// <see cref="UNetPresets.Tiny3D"/> (5,613). A dense forward pass at BraTS's full 256×256×160 needs gigabytes;
/// docs/models/baselines.md shows how depth and width drive it.
/// </remarks>
public sealed class ResidualUNet3D : ResidualUNet
{
    /// <summary>Builds the network.</summary>
    /// <param name="options">A 3D architecture (<see cref="UNetOptions.SpatialDimensions"/> = 3), e.g.
    /// <see cref="UNetPresets.BraTs3D"/>; copied and validated.</param>
    /// <exception cref="ValidationException">The options are invalid.</exception>
    /// <exception cref="ArgumentException">The options describe a 2D U-Net.</exception>
    public ResidualUNet3D(UNetOptions options)
        : base(nameof(ResidualUNet3D), options, spatialDimensions: 3)
    {
    }
}
