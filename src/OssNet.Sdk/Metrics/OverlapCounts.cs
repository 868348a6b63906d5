// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Metrics;

/// <summary>Foreground counts of a prediction P and a reference G, and the overlap scores built from them.</summary>
/// <param name="Predicted">|P|.</param>
/// <param name="Reference">|G|.</param>
/// <param name="Intersection">|P∧G|.</param>
/// <remarks>
/// The scores follow the reference implementation (OSS-Net <c>metric.py</c>) exactly, including its 1e-10 in the
/// denominator, except when both masks are empty: the reference's formula gives 0 there, this type gives 1 (a perfect
/// prediction of an empty structure, as MONAI's <c>ignore_empty=False</c>). See docs/metrics.md.
/// </remarks>
public readonly record struct OverlapCounts(long Predicted, long Reference, long Intersection)
{
    /// <summary>The epsilon the reference adds to every denominator.</summary>
    public const double Epsilon = 1e-10;

    /// <summary>Gets |P∨G| = |P| + |G| − |P∧G|.</summary>
    public long Union => Predicted + Reference - Intersection;

    /// <summary>Gets a value indicating whether both P and G are empty.</summary>
    public bool BothEmpty => Predicted == 0 && Reference == 0;

    /// <summary>Gets the Dice coefficient <c>2|P∧G| / (|P| + |G| + 1e-10)</c>, or 1 when both are empty.</summary>
    public double Dice => BothEmpty ? 1.0 : 2.0 * Intersection / (Predicted + Reference + Epsilon);

    /// <summary>Gets the intersection over union <c>|P∧G| / (|P∨G| + 1e-10)</c>, or 1 when both are empty.</summary>
    public double IntersectionOverUnion => BothEmpty ? 1.0 : Intersection / (Union + Epsilon);

    /// <summary>Gets the reference's Dice formula without the empty-case rule: 0 (not 1) when both are empty.</summary>
    /// <remarks>Use it to reproduce the reference's point-sampled validation numbers exactly.</remarks>
    public double DiceAsReference => 2.0 * Intersection / (Predicted + Reference + Epsilon);

    /// <summary>Gets the reference's IoU formula without the empty-case rule: 0 (not 1) when both are empty.</summary>
    public double IntersectionOverUnionAsReference => Intersection / (Union + Epsilon);

    /// <summary>Counts two masks; a value greater than zero is foreground.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static OverlapCounts Count(ReadOnlySpan<byte> prediction, ReadOnlySpan<byte> reference)
    {
        EnsureSameLength(prediction.Length, reference.Length);
        long predicted = 0, referenced = 0, both = 0;
        for (var i = 0; i < prediction.Length; i++)
        {
            var p = prediction[i] != 0 ? 1 : 0;
            var g = reference[i] != 0 ? 1 : 0;
            predicted += p;
            referenced += g;
            both += p & g;
        }

        return new OverlapCounts(predicted, referenced, both);
    }

    /// <summary>Counts predicted probabilities against binary labels (label &gt; 0 is foreground).</summary>
    /// <param name="probabilities">Foreground probabilities; a value strictly greater than <paramref name="threshold"/> is foreground.</param>
    /// <param name="labels">Labels, one per probability.</param>
    /// <param name="threshold">The binarisation threshold; the reference uses 0.5.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static OverlapCounts Count(ReadOnlySpan<float> probabilities, ReadOnlySpan<byte> labels, double threshold = 0.5)
    {
        EnsureSameLength(probabilities.Length, labels.Length);
        long predicted = 0, referenced = 0, both = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i] > threshold ? 1 : 0;
            var g = labels[i] != 0 ? 1 : 0;
            predicted += p;
            referenced += g;
            both += p & g;
        }

        return new OverlapCounts(predicted, referenced, both);
    }

    /// <summary>Counts predicted probabilities against float labels (0/1 as in the reference; a label &gt; 0.5 is foreground).</summary>
    /// <param name="probabilities">Foreground probabilities; a value strictly greater than <paramref name="threshold"/> is foreground.</param>
    /// <param name="labels">Binary labels stored as floats, one per probability.</param>
    /// <param name="threshold">The binarisation threshold; the reference uses 0.5.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static OverlapCounts Count(ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels, double threshold = 0.5)
    {
        EnsureSameLength(probabilities.Length, labels.Length);
        long predicted = 0, referenced = 0, both = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            var p = probabilities[i] > threshold ? 1 : 0;
            var g = labels[i] > 0.5f ? 1 : 0;
            predicted += p;
            referenced += g;
            both += p & g;
        }

        return new OverlapCounts(predicted, referenced, both);
    }

    private static void EnsureSameLength(int predictionLength, int referenceLength)
    {
        if (predictionLength != referenceLength)
        {
            throw new ArgumentException(
                $"The prediction has {predictionLength} values and the reference {referenceLength}; they must match one to one.");
        }
    }
}
