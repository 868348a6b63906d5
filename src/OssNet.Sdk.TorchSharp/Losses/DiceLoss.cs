// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Losses;

/// <summary>Soft Dice and Dice + BCE losses for the dense U-Net baselines.</summary>
public static class DiceLoss
{
    /// <summary>
    /// 1 − soft Dice per sample, averaged over the batch: 1 − (2·Σpy + ε)/(Σp + Σy + ε), p = sigmoid(logits).
    /// </summary>
    /// <param name="logits">[B, 1, …] logits.</param>
    /// <param name="targets">0/1 targets of the same shape.</param>
    /// <param name="smooth">ε, keeps empty-vs-empty at loss 0 and the gradient finite.</param>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor Soft(Tensor logits, Tensor targets, double smooth = 1.0)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (!logits.shape.SequenceEqual(targets.shape))
        {
            throw new ArgumentException(
                $"Logits [{string.Join(", ", logits.shape)}] and targets [{string.Join(", ", targets.shape)}] must have the same shape.", nameof(targets));
        }

        using var scope = torch.NewDisposeScope();
        var p = logits.sigmoid().flatten(1);
        var y = targets.to(logits.dtype).flatten(1);
        var intersection = (p * y).sum(1);
        var dice = ((2 * intersection) + smooth) / (p.sum(1) + y.sum(1) + smooth);
        return (1 - dice).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Soft Dice loss plus the (reference-clamped) binary cross-entropy, equally weighted.</summary>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor WithBinaryCrossEntropy(Tensor logits, Tensor targets, double smooth = 1.0)
    {
        using var scope = torch.NewDisposeScope();
        var loss = Soft(logits, targets, smooth) + OccupancyLoss.BinaryCrossEntropy(logits, targets);
        return loss.MoveToOuterDisposeScope();
    }
}
