// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>Creates the 2D or 3D flavour of each layer the residual U-Nets are built from.</summary>
internal static class UNetLayers
{
    /// <summary>Throws unless <paramref name="spatialDimensions"/> is 2 or 3.</summary>
    internal static void CheckRank(int spatialDimensions, string name)
    {
        if (spatialDimensions is not (2 or 3))
        {
            throw new ArgumentOutOfRangeException(name, spatialDimensions, "Only 2D and 3D residual U-Nets exist: the spatial rank must be 2 or 3.");
        }
    }

    /// <summary>A convolution with a cubic (square) kernel, stride 1 and "same" zero padding for odd kernels.</summary>
    internal static Module<Tensor, Tensor> Convolution(int spatialDimensions, long inputChannels, long outputChannels, long kernelSize, bool bias) =>
        spatialDimensions == 3
            ? Conv3d(inputChannels, outputChannels, kernel_size: kernelSize, stride: 1, padding: kernelSize / 2, bias: bias)
            : Conv2d(inputChannels, outputChannels, kernel_size: kernelSize, stride: 1, padding: kernelSize / 2, bias: bias);

    /// <summary>Batch normalisation with PyTorch's defaults (eps 1e-5, momentum 0.1, affine, running statistics).</summary>
    internal static Module<Tensor, Tensor> BatchNorm(int spatialDimensions, long channels) =>
        spatialDimensions == 3
            ? BatchNorm3d(channels, affine: true, track_running_stats: true)
            : BatchNorm2d(channels, affine: true, track_running_stats: true);

    /// <summary>Halves every spatial extent (kernel 2, stride 2).</summary>
    internal static Module<Tensor, Tensor> Pooling(int spatialDimensions, UNetPooling pooling) =>
        (spatialDimensions, pooling) switch
        {
            (3, UNetPooling.Max) => MaxPool3d(kernel_size: 2, stride: 2),
            (3, _) => AvgPool3d(kernel_size: 2, stride: 2),
            (_, UNetPooling.Max) => MaxPool2d(kernel_size: 2, stride: 2),
            _ => AvgPool2d(kernel_size: 2, stride: 2),
        };

    /// <summary>Doubles every spatial extent: a transposed convolution (kernel 2, stride 2, with bias) or parameter-free
    /// trilinear/bilinear interpolation (align_corners = false).</summary>
    internal static Module<Tensor, Tensor> Upsampling(int spatialDimensions, long inputChannels, long outputChannels, bool transposed)
    {
        if (transposed)
        {
            return spatialDimensions == 3
                ? ConvTranspose3d(inputChannels, outputChannels, kernel_size: 2, stride: 2, bias: true)
                : ConvTranspose2d(inputChannels, outputChannels, kernel_size: 2, stride: 2, bias: true);
        }

        return spatialDimensions == 3
            ? Upsample(scale_factor: [2.0, 2.0, 2.0], mode: UpsampleMode.Trilinear, align_corners: false)
            : Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Bilinear, align_corners: false);
    }
}
