// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;
using TorchSharp;
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

    /// <summary>Pools [B, C, X, Y, Z] to [B, C, outX, outY, outZ].</summary>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Rank(input, 5, nameof(input));
        var spatial = input.shape[2..];
        if (spatial.Zip(_outputSize).All(pair => pair.First % pair.Second == 0))
        {
            var kernel = spatial.Zip(_outputSize, (n, m) => n / m).ToArray();
            return nn.functional.max_pool3d(input, kernel, kernel);
        }

        using var scope = torch.NewDisposeScope();
        var pooled = input;
        for (var axis = 0; axis < 3; axis++)
        {
            pooled = PoolAxis(pooled, axis + 2, spatial[axis], _outputSize[axis]);
        }

        return pooled.MoveToOuterDisposeScope();
    }

    private static Tensor PoolAxis(Tensor input, int dim, long inputSize, long outputSize)
    {
        var cells = new Tensor[outputSize];
        for (long i = 0; i < outputSize; i++)
        {
            var start = i * inputSize / outputSize;
            var end = (((i + 1) * inputSize) + outputSize - 1) / outputSize;
            cells[i] = input.narrow(dim, start, end - start).amax([dim], keepdim: true);
        }

        return torch.cat(cells, dim);
    }
}
