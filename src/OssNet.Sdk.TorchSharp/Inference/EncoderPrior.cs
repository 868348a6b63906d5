// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Inference;

/// <summary>Turns the encoder's low-resolution prediction into the first-stage query mask (see docs/guides/segmentation.md, OSS-Net C/D).</summary>
public static class EncoderPrior
{
    /// <summary>
    /// Upsamples <paramref name="lowResolutionProbabilities"/> trilinearly (align_corners = true, as the reference) to
    /// <paramref name="latticeShape"/> and thresholds it; for class probabilities [1, K, a, b, c] (K ≥ 2, after a softmax) a
    /// lattice point is queried where the upsampled argmax is a foreground class (not 0).
    /// </summary>
    /// <param name="lowResolutionProbabilities">[1, 1, a, b, c] or [a, b, c] foreground probabilities (after the sigmoid), or
    /// [1, K, a, b, c] class probabilities (after the softmax) of a multi-class head.</param>
    /// <param name="latticeShape">The first-stage lattice shape (<see cref="MultiResolutionOccupancyInferer.FirstStageLatticeShape"/>).</param>
    /// <param name="threshold">Probability above which a lattice point is queried (one-channel input only); the reference uses 0.5.</param>
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
                $"Expected [1, 1, a, b, c], [1, K, a, b, c] or [a, b, c] probabilities; got [{string.Join(", ", lowResolutionProbabilities.shape)}].",
                nameof(lowResolutionProbabilities)),
        };
        var upsampled = nn.functional.interpolate(
            p.to(ScalarType.Float32), size: [latticeShape.X, latticeShape.Y, latticeShape.Z], mode: InterpolationMode.Trilinear, align_corners: true);
        var mask = upsampled.shape[1] == 1 ? upsampled[0, 0].gt(threshold) : upsampled[0].argmax(0).ne(0);
        return mask.MoveToOuterDisposeScope();
    }
}
