// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp;

/// <summary>Shape checks at module boundaries whose messages print the actual shape.</summary>
internal static class TensorGuard
{
    /// <summary>Throws unless <paramref name="tensor"/> has <paramref name="rank"/> dimensions.</summary>
    internal static void Rank(Tensor tensor, int rank, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (tensor.dim() != rank)
        {
            throw new ArgumentException($"'{name}' must have {rank} dimensions; got shape {Format(tensor.shape)}.", name);
        }
    }

    /// <summary>Throws unless dimension <paramref name="dim"/> of <paramref name="tensor"/> has size <paramref name="size"/>.</summary>
    internal static void Dimension(Tensor tensor, long dim, long size, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        if (dim >= tensor.dim() || tensor.shape[dim] != size)
        {
            throw new ArgumentException($"'{name}' must have size {size} in dimension {dim}; got shape {Format(tensor.shape)}.", name);
        }
    }

    /// <summary>Throws unless the shape equals <paramref name="expected"/>, where -1 matches any size.</summary>
    internal static void Shape(Tensor tensor, long[] expected, string name)
    {
        ArgumentNullException.ThrowIfNull(tensor, name);
        var shape = tensor.shape;
        var matches = shape.Length == expected.Length;
        for (var i = 0; matches && i < shape.Length; i++)
        {
            matches = expected[i] < 0 || expected[i] == shape[i];
        }

        if (!matches)
        {
            throw new ArgumentException($"'{name}' must have shape {Format(expected)}; got {Format(shape)}.", name);
        }
    }

    /// <summary>Formats a shape as <c>[2, 3, 4]</c>, with <c>*</c> for -1.</summary>
    internal static string Format(IReadOnlyList<long> shape) =>
        "[" + string.Join(", ", shape.Select(s => s < 0 ? "*" : s.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]";
}
