// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Functional;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Losses;

/// <summary>The OSS-Net training loss: BCE on the sampled points plus a weighted BCE on the encoder's low-resolution head (see docs/guides/training.md);
/// for models with N ≥ 3 classes, cross-entropy in both places.</summary>
/// <remarks>
/// <para>The reference applies BCE to sigmoid probabilities clamped to [1e-6, 1 − 1e-6]. Clamping the logits to ±ln((1 − 1e-6)/1e-6)
/// before a BCE-with-logits is the same function with the same (zero) gradient outside the clamp, and numerically stabler.</para>
/// <para>Multi-class models (no reference exists) keep the clamp's spirit: the cross-entropy is −ln of the softmax
/// probability of the true class clamped to [1e-6, 1 − 1e-6], computed from <c>log_softmax</c>; a point's loss thus saturates at
/// −ln 1e-6 ≈ 13.8 and stops pulling once the true class has probability above 1 − 1e-6 (zero gradient outside the clamp).</para>
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

    /// <summary>Mean cross-entropy of class logits against class indices, with the reference's probability clamp (see remarks).</summary>
    /// <param name="logits">[…, K] logits, classes on the last axis.</param>
    /// <param name="targets">[…] class indices 0..K−1 (any integer dtype), the logits' shape without the last axis.</param>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor CrossEntropy(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.dim() < 1 || !logits.shape.AsSpan(0, logits.shape.Length - 1).SequenceEqual(targets.shape))
        {
            throw new ArgumentException(
                $"Logits [{string.Join(", ", logits.shape)}] must be the targets' shape [{string.Join(", ", targets.shape)}] plus a class axis.", nameof(targets));
        }

        using var scope = torch.NewDisposeScope();
        var logProbabilities = logits.log_softmax(-1).gather(-1, targets.to(ScalarType.Int64).unsqueeze(-1)).squeeze(-1);
        var loss = -logProbabilities.clamp(Math.Log(1e-6), Math.Log(1 - 1e-6)).mean();
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

    /// <summary>
    /// The low-resolution target of a head with <paramref name="classes"/> classes. Binary (2): <see cref="LowResolutionTarget(Tensor, ValueTuple{long, long, long})"/>.
    /// N ≥ 3: the class index of each coarse cell: background when no voxel of its block is foreground (as the binary max-pool),
    /// else the foreground class with the most voxels in the block (ties: the lower index).
    /// </summary>
    /// <remarks>
    /// A cell keeps "foreground if any voxel is" from the binary rule, so the encoder prior (head argmax ≠ background) still covers
    /// every structure, however thin; among foreground classes the majority decides, because a softmax needs one class per cell.
    /// </remarks>
    /// <param name="classIndices">[B, X, Y, Z] or [B, 1, X, Y, Z] class indices 0..N−1 (any integer dtype).</param>
    /// <param name="lowResolutionShape">The head's output size.</param>
    /// <param name="classes">The model's class count (background included).</param>
    /// <returns>Binary: [B, 1, a, b, c] float32 0/1. N ≥ 3: [B, a, b, c] int64 class indices. The caller owns it.</returns>
    public static Tensor LowResolutionTarget(Tensor classIndices, (long X, long Y, long Z) lowResolutionShape, int classes)
    {
        ArgumentNullException.ThrowIfNull(classIndices);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        if (classes == 2)
        {
            return LowResolutionTarget(classIndices, lowResolutionShape);
        }

        using var scope = torch.NewDisposeScope();
        var x = classIndices.dim() == 4 ? classIndices.unsqueeze(1) : classIndices;

        // One class at a time: a K-channel one-hot of a full-resolution volume would cost K float volumes.
        var shares = new Tensor[classes - 1];
        for (var c = 1; c < classes; c++)
        {
            shares[c - 1] = AdaptivePooling.AveragePool3d(x.eq(c).to(ScalarType.Float32), lowResolutionShape);
        }

        var foreground = torch.cat(shares, dim: 1);
        var majority = foreground.argmax(1) + 1;
        var target = torch.where(foreground.amax([1]).gt(0), majority, torch.zeros_like(majority));
        return target.MoveToOuterDisposeScope();
    }

    /// <summary>The total OSS-Net loss: BCE(points) + <paramref name="auxiliaryWeight"/> · BCE(low-resolution head); for
    /// multi-class logits (more than one channel) cross-entropy in both terms (<see cref="CrossEntropy"/>).</summary>
    /// <param name="pointLogits">[B, N, 1] decoder logits (binary) or [B, N, K] (K ≥ 3 classes).</param>
    /// <param name="pointLabels">[B, N, 1] 0/1 labels of the sampled points (binary) or [B, N] class indices.</param>
    /// <param name="lowResolutionLogits">[B, 1, a, b, c] (binary) or [B, K, a, b, c] head logits, or null (O-Net, A, B).</param>
    /// <param name="lowResolutionTarget">[B, 1, a, b, c] (binary) or [B, a, b, c] targets from
    /// <see cref="LowResolutionTarget(Tensor, ValueTuple{long, long, long}, int)"/>, or null.</param>
    /// <param name="auxiliaryWeight">The reference passes 0.1.</param>
    /// <returns>A scalar; the caller owns it.</returns>
    public static Tensor Total(Tensor pointLogits, Tensor pointLabels, Tensor? lowResolutionLogits, Tensor? lowResolutionTarget, double auxiliaryWeight = 0.1)
    {
        ArgumentNullException.ThrowIfNull(pointLogits);
        using var scope = torch.NewDisposeScope();
        var multiClass = pointLogits.shape[^1] > 1;
        var loss = multiClass ? CrossEntropy(pointLogits, pointLabels) : BinaryCrossEntropy(pointLogits, pointLabels);
        if (lowResolutionLogits is not null && lowResolutionTarget is not null && auxiliaryWeight != 0)
        {
            var auxiliary = multiClass
                ? CrossEntropy(lowResolutionLogits.movedim([1], [-1]), lowResolutionTarget)
                : BinaryCrossEntropy(lowResolutionLogits, lowResolutionTarget);
            loss = loss + (auxiliaryWeight * auxiliary);
        }

        return loss.MoveToOuterDisposeScope();
    }
}
