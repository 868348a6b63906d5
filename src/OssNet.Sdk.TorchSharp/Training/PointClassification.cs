// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Training;

/// <summary>Classes of decoded points and their validation scores, for binary and multi-class occupancy models alike.</summary>
internal static class PointClassification
{
    /// <summary>Returns each point's class: binary logits [N, 1] → sigmoid &gt; 0.5 (logit &gt; 0), as the reference; [N, K] → argmax.</summary>
    /// <returns>[N] int64 class indices; the caller owns it.</returns>
    public static Tensor Classify(Tensor logits) =>
        logits.shape[^1] == 1 ? logits.reshape(-1).gt(0).to(ScalarType.Int64) : logits.argmax(-1);

    /// <summary>Scores predicted against reference class indices: Dice and IoU of each foreground class, and their means.</summary>
    /// <param name="predicted">One class index per point.</param>
    /// <param name="reference">One class index per point.</param>
    /// <param name="classes">The class count, background included.</param>
    /// <returns>Binary: the foreground's Dice and IoU (the reference's scores). N ≥ 3: the means over classes 1..N−1, with
    /// <see cref="CaseScore.DicePerClass"/>. A class absent from both counts as Dice 1 (<see cref="OverlapCounts"/>).</returns>
    public static CaseScore Score(ReadOnlySpan<byte> predicted, ReadOnlySpan<byte> reference, int classes)
    {
        var predictedCount = new long[classes];
        var referenceCount = new long[classes];
        var intersection = new long[classes];
        for (var i = 0; i < predicted.Length; i++)
        {
            predictedCount[predicted[i]]++;
            referenceCount[reference[i]]++;
            if (predicted[i] == reference[i])
            {
                intersection[predicted[i]]++;
            }
        }

        var counts = Enumerable.Range(1, classes - 1).Select(c => new OverlapCounts(predictedCount[c], referenceCount[c], intersection[c])).ToArray();
        var dice = counts.Select(c => c.Dice).ToArray();
        return new CaseScore(dice.Average(), counts.Average(c => c.IntersectionOverUnion)) { DicePerClass = dice };
    }
}
