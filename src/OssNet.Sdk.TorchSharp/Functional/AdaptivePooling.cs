// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Functional;

/// <summary>Adaptive 3D max and average pooling with PyTorch's cell boundaries.</summary>
/// <remarks>
/// TorchSharp 0.107's <c>nn.functional.adaptive_max_pool3d</c> (and the <c>AdaptiveMaxPool3d</c> module built on it) fails
/// (it reaches the 1D kernel or throws a NullReferenceException), so the SDK computes it itself. Output cell i along an axis of
/// length n pooled to o covers [⌊i·n/o⌋, ⌈(i+1)·n/o⌉), as PyTorch's; a box maximum is separable, so the axes are reduced one
/// after the other. When o divides n this is a plain max-pool with kernel = stride = n/o.
/// </remarks>
public static class AdaptivePooling
{
    /// <summary>Adaptive max pooling of the last three dimensions of <paramref name="input"/> ([…, X, Y, Z]) to <paramref name="outputShape"/>.</summary>
    /// <returns>[…, a, b, c]; the caller owns it. Differentiable (gradients flow to the maxima).</returns>
    public static Tensor MaxPool3d(Tensor input, (long X, long Y, long Z) outputShape) => Pool3d(input, outputShape, average: false);

    /// <summary>Adaptive average pooling of the last three dimensions of <paramref name="input"/> ([…, X, Y, Z]) to
    /// <paramref name="outputShape"/>: each output cell is the mean of its cell (the same cells as <see cref="MaxPool3d"/>).</summary>
    /// <returns>[…, a, b, c]; the caller owns it.</returns>
    public static Tensor AveragePool3d(Tensor input, (long X, long Y, long Z) outputShape) => Pool3d(input, outputShape, average: true);

    private static Tensor Pool3d(Tensor input, (long X, long Y, long Z) outputShape, bool average)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.dim() < 3)
        {
            throw new ArgumentException($"Expected at least 3 dimensions; got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        if (outputShape.X < 1 || outputShape.Y < 1 || outputShape.Z < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(outputShape), outputShape, "Every output extent must be positive.");
        }

        var n = input.dim();
        long[] spatial = [input.shape[n - 3], input.shape[n - 2], input.shape[n - 1]];
        long[] target = [outputShape.X, outputShape.Y, outputShape.Z];
        if (n == 5 && spatial.Zip(target).All(p => p.First % p.Second == 0))
        {
            // Equal cells: libtorch's pooling kernel does it in one pass.
            var kernel = spatial.Zip(target, (a, b) => a / b).ToArray();
            return average ? nn.functional.avg_pool3d(input, kernel, kernel) : nn.functional.max_pool3d(input, kernel, kernel);
        }

        using var scope = torch.NewDisposeScope();
        var x = input;
        x = PoolAxis(x, n - 3, outputShape.X, average);
        x = PoolAxis(x, n - 2, outputShape.Y, average);
        x = PoolAxis(x, n - 1, outputShape.Z, average);
        return (ReferenceEquals(x, input) ? input.alias() : x).MoveToOuterDisposeScope();
    }

    // A box mean is separable too: the mean of per-axis means over a product of ranges is the mean over the box.
    private static Tensor PoolAxis(Tensor x, long dim, long output, bool average)
    {
        var length = x.shape[dim];
        if (length == output)
        {
            return x;
        }

        if (length % output == 0)
        {
            // Fast path: equal, non-overlapping cells.
            var k = length / output;
            var shape = x.shape.ToList();
            shape[(int)dim] = output;
            shape.Insert((int)dim + 1, k);
            var cellsOf = x.reshape([.. shape]);
            return average ? cellsOf.mean([dim + 1]) : cellsOf.amax([dim + 1]);
        }

        var cells = new List<Tensor>((int)output);
        for (long i = 0; i < output; i++)
        {
            var start = i * length / output;
            var end = (((i + 1) * length) + output - 1) / output;
            var cell = x.narrow(dim, start, end - start);
            cells.Add(average ? cell.mean([dim], keepdim: true) : cell.amax([dim], keepdim: true));
        }

        return torch.cat(cells, dim);
    }
}
