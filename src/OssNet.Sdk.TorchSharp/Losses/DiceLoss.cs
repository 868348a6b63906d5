// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Losses;

/// <summary>Soft Dice and Dice + (binary) cross-entropy losses for the dense U-Net baselines: sigmoid for binary networks,
/// softmax for N classes.</summary>
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

    /// <summary>
    /// 1 − soft Dice of the foreground classes, averaged over samples and classes 1..C−1:
    /// 1 − mean_(b,c≥1) (2·Σp_c·y_c + ε)/(Σp_c + Σy_c + ε), p = softmax(logits, dim 1), y_c = (target == c).
    /// </summary>
    /// <param name="logits">[B, C, …] logits, C ≥ 2 (background first).</param>
    /// <param name="classIndices">[B, …] integer class indices 0..C−1.</param>
    /// <param name="smooth">ε, keeps a class absent from both at loss 0 and the gradient finite.</param>
    /// <returns>A scalar; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public static Tensor SoftMultiClass(Tensor logits, Tensor classIndices, double smooth = 1.0)
    {
        EnsureClassShapes(logits, classIndices);
        using var scope = torch.NewDisposeScope();
        var classes = logits.shape[1];
        var p = logits.softmax(1).flatten(2);                                                  // [B, C, V]
        var y = nn.functional.one_hot(classIndices.to(ScalarType.Int64).flatten(1), classes)  // [B, V, C]
            .permute(0, 2, 1).to(logits.dtype);
        var foreground = TensorIndex.Slice(1, null);
        var pf = p[.., foreground];
        var yf = y[.., foreground];
        var dice = ((2 * (pf * yf).sum(2)) + smooth) / (pf.sum(2) + yf.sum(2) + smooth);     // [B, C − 1]
        return (1 - dice).mean().MoveToOuterDisposeScope();
    }

    /// <summary>Mean softmax cross-entropy of [B, C, …] logits against [B, …] class indices.</summary>
    /// <returns>A scalar; the caller owns it.</returns>
    /// <exception cref="ArgumentException">The shapes do not match.</exception>
    public static Tensor CrossEntropy(Tensor logits, Tensor classIndices)
    {
        EnsureClassShapes(logits, classIndices);
        using var scope = torch.NewDisposeScope();
        return nn.functional.cross_entropy(logits, classIndices.to(ScalarType.Int64)).MoveToOuterDisposeScope();
    }

    /// <summary>Soft Dice over the foreground classes (<see cref="SoftMultiClass"/>) plus cross-entropy, equally weighted.</summary>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor WithCrossEntropy(Tensor logits, Tensor classIndices, double smooth = 1.0)
    {
        using var scope = torch.NewDisposeScope();
        var loss = SoftMultiClass(logits, classIndices, smooth) + CrossEntropy(logits, classIndices);
        return loss.MoveToOuterDisposeScope();
    }

    private static void EnsureClassShapes(Tensor logits, Tensor classIndices)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(classIndices);
        if (logits.dim() < 2 || logits.shape[1] < 2 || !logits.shape.Take(1).Concat(logits.shape.Skip(2)).SequenceEqual(classIndices.shape))
        {
            throw new ArgumentException(
                $"Logits [{string.Join(", ", logits.shape)}] must be [B, C ≥ 2, …] and class indices [{string.Join(", ", classIndices.shape)}] [B, …] with the same B and spatial extents.",
                nameof(classIndices));
        }
    }
}
