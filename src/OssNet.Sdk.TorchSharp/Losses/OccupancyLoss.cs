// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Functional;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Losses;

/// <summary>The OSS-Net training loss: BCE on the sampled points plus a weighted BCE on the encoder's low-resolution head (see docs/guides/training.md).</summary>
/// <remarks>
/// The reference applies BCE to sigmoid probabilities clamped to [1e-6, 1 − 1e-6]. Clamping the logits to ±ln((1 − 1e-6)/1e-6)
/// before a BCE-with-logits is the same function with the same (zero) gradient outside the clamp, and numerically stabler.
/// </remarks>
public static class OccupancyLoss
{
    /// <summary>The logit at which the reference's probability clamp (1e-6) bites.</summary>
    public static readonly double LogitClamp = Math.Log((1 - 1e-6) / 1e-6);

    /// <summary>Mean binary cross-entropy of <paramref name="logits"/> against 0/1 <paramref name="targets"/> (same shape), reference clamp applied.</summary>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor BinaryCrossEntropy(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!logits.shape.SequenceEqual(targets.shape))
        {
            throw new ArgumentException(
                $"Logits [{string.Join(", ", logits.shape)}] and targets [{string.Join(", ", targets.shape)}] must have the same shape.", nameof(targets));
        }

        using var scope = torch.NewDisposeScope();
        var clamped = logits.clamp(-LogitClamp, LogitClamp);
        var loss = nn.functional.binary_cross_entropy_with_logits(clamped, targets.to(logits.dtype));
        return loss.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The low-resolution target of the auxiliary head: a coarse cell is 1 if any voxel of its block is foreground
    /// (<c>adaptive_max_pool3d(label &gt; 0)</c> of the full-resolution label).
    /// </summary>
    /// <param name="labels">[B, X, Y, Z] or [B, 1, X, Y, Z] labels (any dtype; &gt; 0 is foreground).</param>
    /// <param name="lowResolutionShape">The head's output size, e.g. (8, 8, 5) for BraTS.</param>
    /// <returns>[B, 1, a, b, c] float32 targets; the caller owns them.</returns>
    public static Tensor LowResolutionTarget(Tensor labels, (long X, long Y, long Z) lowResolutionShape)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = torch.NewDisposeScope();
        var x = labels.dim() == 4 ? labels.unsqueeze(1) : labels;
        var target = AdaptivePooling.MaxPool3d(x.gt(0).to(ScalarType.Float32), lowResolutionShape);
        return target.MoveToOuterDisposeScope();
    }

    /// <summary>The total OSS-Net loss: BCE(points) + <paramref name="auxiliaryWeight"/> · BCE(low-resolution head).</summary>
    /// <param name="pointLogits">[B, N, 1] decoder logits.</param>
    /// <param name="pointLabels">[B, N, 1] 0/1 labels of the sampled points.</param>
    /// <param name="lowResolutionLogits">[B, 1, a, b, c] head logits, or null (O-Net, A, B).</param>
    /// <param name="lowResolutionTarget">[B, 1, a, b, c] targets from <see cref="LowResolutionTarget"/>, or null.</param>
    /// <param name="auxiliaryWeight">The reference passes 0.1.</param>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor Total(Tensor pointLogits, Tensor pointLabels, Tensor? lowResolutionLogits, Tensor? lowResolutionTarget, double auxiliaryWeight = 0.1)
    {
        using var scope = torch.NewDisposeScope();
        var loss = BinaryCrossEntropy(pointLogits, pointLabels);
        if (lowResolutionLogits is not null && lowResolutionTarget is not null && auxiliaryWeight != 0)
        {
            loss = loss + (auxiliaryWeight * BinaryCrossEntropy(lowResolutionLogits, lowResolutionTarget));
        }

        return loss.MoveToOuterDisposeScope();
    }
}
