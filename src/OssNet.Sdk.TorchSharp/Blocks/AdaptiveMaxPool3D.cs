// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Functional;
using OssNet.Sdk.Volumes;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// Adaptive 3D max pooling to a fixed output size, with PyTorch's bins: output cell i along an axis of n inputs and m
/// outputs covers inputs ⌊i·n/m⌋ … ⌈(i+1)·n/m⌉ − 1.
/// </summary>
/// <remarks>
/// Replaces <c>torch.nn.AdaptiveMaxPool3d</c>, which in TorchSharp 0.107 dispatches to the 1-D kernel and fails on
/// 5-D input. When every extent is a multiple of the output extent (all OSS-Net presets) it is exactly
/// <c>max_pool3d</c> with kernel = stride = n/m. Otherwise the maximum is taken axis by axis (a box maximum is
/// separable); the values equal PyTorch's, and gradients differ only where several inputs tie for a maximum.
/// Parameterless, so it adds no state-dict keys.
/// </remarks>
internal sealed class AdaptiveMaxPool3D : Module<Tensor, Tensor>
{
    private readonly long[] _outputSize;

    /// <summary>Initializes the pooling.</summary>
    /// <param name="outputShape">The output's spatial size.</param>
    public AdaptiveMaxPool3D(VolumeShape outputShape)
        : base(nameof(AdaptiveMaxPool3D))
    {
        outputShape.Validate();
        _outputSize = [outputShape.X, outputShape.Y, outputShape.Z];
    }

    /// <summary>Pools the last three dimensions to the configured size.</summary>
    /// <param name="input">[B, C, X, Y, Z].</param>
    /// <returns>[B, C, a, b, c]; the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Rank(input, 5, nameof(input));
        return AdaptivePooling.MaxPool3d(input, (_outputSize[0], _outputSize[1], _outputSize[2]));
    }
}
