// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>Per-case segmentation metrics: Dice and IoU (as the reference), HD95 and ASSD (millimetres).</summary>
/// <remarks>Definitions, edge cases and conventions: docs/metrics.md.</remarks>
public static class SegmentationMetrics
{
    /// <summary>Scores a predicted mask against a reference mask (label &gt; 0 is foreground in both).</summary>
    /// <param name="prediction">The predicted mask.</param>
    /// <param name="reference">The ground truth; its spacing converts distances to millimetres.</param>
    /// <param name="includeSurfaceDistances">False skips HD95 and ASSD (they are then null), leaving only the O(N) overlap counts.</param>
    /// <exception cref="ArgumentException">The masks differ in shape or spacing; the message prints both geometries.</exception>
    public static CaseMetrics Compute(LabelVolume prediction, LabelVolume reference, bool includeSurfaceDistances = true)
    {
        MetricGuard.EnsureSameGrid(prediction, reference);
        var counts = OverlapCounts.Count(prediction.Labels.Span, reference.Labels.Span);
        double? hausdorff95 = null, averageSurface = null;
        if (includeSurfaceDistances)
        {
            var surface = SurfaceDistances.Compute(prediction, reference);
            hausdorff95 = surface.HausdorffDistance95;
            averageSurface = surface.AverageSymmetricSurfaceDistance;
        }

        return FromCounts(counts, hausdorff95, averageSurface);
    }

    /// <summary>Scores a probability map against a reference mask after binarising it with <c>p &gt; threshold</c>.</summary>
    /// <param name="probabilities">A one-channel probability volume on the reference's grid.</param>
    /// <param name="reference">The ground truth (label &gt; 0 is foreground).</param>
    /// <param name="threshold">The strict binarisation threshold; the reference uses 0.5.</param>
    /// <param name="includeSurfaceDistances">False skips HD95 and ASSD.</param>
    /// <exception cref="ArgumentException">The volume has more than one channel, or the grids differ.</exception>
    public static CaseMetrics Compute(Volume probabilities, LabelVolume reference, double threshold = 0.5, bool includeSurfaceDistances = true)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(reference);
        if (probabilities.Channels != 1)
        {
            throw new ArgumentException($"Expected a one-channel probability volume; got {probabilities.Channels} channels.", nameof(probabilities));
        }

        var source = probabilities.Voxels.Span;
        var mask = new byte[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            mask[i] = source[i] > threshold ? (byte)1 : (byte)0;
        }

        return Compute(new LabelVolume(probabilities.Geometry, mask), reference, includeSurfaceDistances);
    }

    /// <summary>
    /// Scores predicted probabilities at sampled points against their labels, as the reference validates
    /// (Dice and IoU only; HD95 and ASSD are null).
    /// </summary>
    /// <param name="probabilities">One probability per point; <c>p &gt; threshold</c> is foreground.</param>
    /// <param name="labels">One label per point (non-zero is foreground).</param>
    /// <param name="threshold">The strict binarisation threshold; the reference uses 0.5.</param>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static CaseMetrics ComputeOnPoints(ReadOnlySpan<float> probabilities, ReadOnlySpan<byte> labels, double threshold = 0.5) =>
        FromCounts(OverlapCounts.Count(probabilities, labels, threshold), null, null);

    /// <summary>Scores predicted probabilities at the points of a labelled <see cref="PointSet"/> (Dice and IoU only).</summary>
    /// <param name="probabilities">One probability per point, in the set's order.</param>
    /// <param name="points">The points; they must carry labels.</param>
    /// <param name="threshold">The strict binarisation threshold; the reference uses 0.5.</param>
    /// <exception cref="ArgumentException">The set has no labels, or the counts differ.</exception>
    public static CaseMetrics ComputeOnPoints(ReadOnlySpan<float> probabilities, PointSet points, double threshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (!points.HasLabels)
        {
            throw new ArgumentException("The point set carries no labels; sample it from a context with labels or call WithLabelsFrom.", nameof(points));
        }

        return ComputeOnPoints(probabilities, points.Labels.Span, threshold);
    }

    private static CaseMetrics FromCounts(OverlapCounts counts, double? hausdorff95, double? averageSurface) =>
        new(counts.Dice, counts.IntersectionOverUnion, hausdorff95, averageSurface, counts.Predicted, counts.Reference, counts.Intersection);
}
