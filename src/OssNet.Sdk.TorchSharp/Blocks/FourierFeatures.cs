// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// Random Fourier input features of coordinates: <c>[cos(2π p·B), sin(2π p·B), p]</c> for a fixed random matrix
/// B ∈ ℝ^{3×16} with entries N(0, 1)·4, applied to raw (unnormalised) voxel coordinates.
/// </summary>
/// <remarks>Reference code <c>oss_net/decoder.py: ResidualCBNDecoder</c> (configs D1/D2, not part of the paper's A–D).
/// The reference stores B as the decoder buffer <c>b</c> of shape [1, 3, 16].</remarks>
public static class FourierFeatures
{
    /// <summary>The number of random frequencies in the reference.</summary>
    public const int DefaultFrequencies = 16;

    /// <summary>The standard deviation of the frequencies in the reference.</summary>
    public const double DefaultScale = 4.0;

    /// <summary>Gets the encoded width for a given number of frequencies: 2·frequencies + 3.</summary>
    /// <param name="frequencies">Number of random frequencies.</param>
    public static int EncodedFeatures(int frequencies) => (2 * frequencies) + 3;

    /// <summary>Draws the random matrix B, shape [1, 3, <paramref name="frequencies"/>].</summary>
    /// <param name="frequencies">Number of random frequencies.</param>
    /// <param name="scale">Standard deviation of the entries.</param>
    /// <param name="generator">Random source; null uses TorchSharp's global generator.</param>
    /// <returns>A new float32 CPU tensor; the caller owns it.</returns>
    public static Tensor CreateMatrix(int frequencies = DefaultFrequencies, double scale = DefaultScale, Generator? generator = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frequencies, 1);
        using var scope = torch.NewDisposeScope();
        return torch.randn([1, 3, frequencies], generator: generator).mul_(scale).MoveToOuterDisposeScope();
    }

    /// <summary>Encodes coordinates.</summary>
    /// <param name="coordinates">[..., 3] raw voxel coordinates.</param>
    /// <param name="matrix">B, shape [1, 3, F] (or [3, F]).</param>
    /// <returns>[..., 2F + 3]; the caller owns it.</returns>
    public static Tensor Encode(Tensor coordinates, Tensor matrix)
    {
        ArgumentNullException.ThrowIfNull(coordinates);
        ArgumentNullException.ThrowIfNull(matrix);
        using var scope = torch.NewDisposeScope();
        var projected = torch.matmul(coordinates, matrix.to(coordinates.dtype)).mul_(2 * Math.PI);
        return torch.cat([projected.cos(), projected.sin(), coordinates], dim: -1).MoveToOuterDisposeScope();
    }
}
