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

    /// <summary>
    /// Scores a predicted label map against a reference label map class by class: both are mapped to class indices through
    /// <paramref name="labels"/> (so a collapsing binary set turns a 0/4/5/6 reference into foreground/background), and each
    /// foreground class is scored as a binary mask with <see cref="Compute(LabelVolume, LabelVolume, bool)"/>.
    /// </summary>
    /// <param name="prediction">The predicted label map, holding label values of <paramref name="labels"/>.</param>
    /// <param name="reference">The ground truth; its spacing converts distances to millimetres.</param>
    /// <param name="labels">The classes (the model's label set).</param>
    /// <param name="includeSurfaceDistances">False skips HD95 and ASSD (they are then null).</param>
    /// <param name="caseId">Names the case in errors.</param>
    /// <returns>One <see cref="ClassMetrics"/> per foreground class and their mean (defined in docs/metrics.md). With a binary
    /// set the single class and the mean equal <see cref="Compute(LabelVolume, LabelVolume, bool)"/> of the collapsed masks.</returns>
    /// <exception cref="ArgumentException">The maps differ in shape or spacing.</exception>
    /// <exception cref="InvalidVolumeException">A map holds a value that is not in <paramref name="labels"/> (and the set does not collapse).</exception>
    public static PerClassMetrics ComputePerClass(LabelVolume prediction, LabelVolume reference, LabelSet labels, bool includeSurfaceDistances = true, string? caseId = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        MetricGuard.EnsureSameGrid(prediction, reference);
        var name = caseId is null ? string.Empty : $"case '{caseId}': ";
        var predicted = labels.ToClassIndices(prediction, $"{name}the prediction");
        var truth = labels.ToClassIndices(reference, $"{name}the reference");
        var classes = new List<ClassMetrics>(labels.Count - 1);
        for (var c = 1; c < labels.Count; c++)
        {
            var metrics = Compute(Select(predicted, c), Select(truth, c), includeSurfaceDistances);
            classes.Add(new ClassMetrics(labels.Labels[c].Value, labels.Labels[c].Name, metrics));
        }

        return new PerClassMetrics(classes, MeanOf(classes.Select(c => c.Metrics).ToList())) { CaseId = caseId };
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

    /// <summary>The mean over classes (docs/metrics.md): arithmetic means of the metrics, sums of the voxel counts.</summary>
    private static CaseMetrics MeanOf(List<CaseMetrics> classes)
    {
        if (classes.Count == 1)
        {
            return classes[0];
        }

        static double? MeanOrNull(IEnumerable<double?> values)
        {
            var list = values.ToList();
            return list.Any(v => v is null) ? null : list.Average(v => v!.Value);
        }

        return new CaseMetrics(
            classes.Average(c => c.Dice),
            classes.Average(c => c.IntersectionOverUnion),
            MeanOrNull(classes.Select(c => c.HausdorffDistance95)),
            MeanOrNull(classes.Select(c => c.AverageSymmetricSurfaceDistance)),
            classes.Sum(c => c.PredictedVoxels),
            classes.Sum(c => c.ReferenceVoxels),
            classes.Sum(c => c.IntersectionVoxels));
    }

    /// <summary>The binary mask of one class of a class-index map.</summary>
    private static LabelVolume Select(LabelVolume classIndices, int classIndex)
    {
        var source = classIndices.Labels.Span;
        var mask = new byte[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            mask[i] = source[i] == classIndex ? (byte)1 : (byte)0;
        }

        return new LabelVolume(classIndices.Geometry, mask);
    }

    private static CaseMetrics FromCounts(OverlapCounts counts, double? hausdorff95, double? averageSurface) =>
        new(counts.Dice, counts.IntersectionOverUnion, hausdorff95, averageSurface, counts.Predicted, counts.Reference, counts.Intersection);
}
