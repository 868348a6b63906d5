// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>Turns the encoder's low-resolution prediction into the first-stage query mask (see docs/guides/segmentation.md, OSS-Net C/D).</summary>
public static class EncoderPrior
{
    /// <summary>
    /// Upsamples <paramref name="lowResolutionProbabilities"/> trilinearly (align_corners = true, as the reference) to
    /// <paramref name="latticeShape"/> and thresholds it.
    /// </summary>
    /// <param name="lowResolutionProbabilities">[1, 1, a, b, c] or [a, b, c] probabilities (after the sigmoid).</param>
    /// <param name="latticeShape">The first-stage lattice shape (<see cref="MultiResolutionOccupancyInferer.FirstStageLatticeShape"/>).</param>
    /// <param name="threshold">Probability above which a lattice point is queried; the reference uses 0.5.</param>
    /// <returns>A bool mask of <paramref name="latticeShape"/>; the caller owns it.</returns>
    public static Tensor ToFirstStageMask(Tensor lowResolutionProbabilities, (long X, long Y, long Z) latticeShape, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(lowResolutionProbabilities);
        using var scope = torch.NewDisposeScope();
        var p = lowResolutionProbabilities.dim() switch
        {
            3 => lowResolutionProbabilities.unsqueeze(0).unsqueeze(0),
            5 => lowResolutionProbabilities,
            _ => throw new ArgumentException(
                $"Expected [1, 1, a, b, c] or [a, b, c] probabilities; got [{string.Join(", ", lowResolutionProbabilities.shape)}].",
                nameof(lowResolutionProbabilities)),
        };
        var upsampled = nn.functional.interpolate(
            p.to(ScalarType.Float32), size: [latticeShape.X, latticeShape.Y, latticeShape.Z], mode: InterpolationMode.Trilinear, align_corners: true);
        return upsampled[0, 0].gt(threshold).MoveToOuterDisposeScope();
    }
}
