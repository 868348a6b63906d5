// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>
/// The surface-to-surface distances (millimetres) between a predicted and a reference mask, in both directions, and
/// the Hausdorff-type summaries built from them.
/// </summary>
/// <remarks>
/// <para><b>Surfaces:</b> foreground voxels with a 6-connected background neighbour (outside the grid is background).
/// <b>Distances:</b> from each surface voxel of one mask to the nearest surface voxel of the other, in millimetres
/// using the reference's spacing, from an exact Euclidean distance transform (<see cref="EuclideanDistanceTransform"/>)
/// restricted to the bounding box of both masks (exact, because every surface voxel lies in it).</para>
/// <para><b>Edge cases:</b> both masks empty → every summary is 0; exactly one empty → every summary is
/// <see cref="double.PositiveInfinity"/>.</para>
/// <para>Conventions and their relation to MONAI and medpy: docs/metrics.md.</para>
/// </remarks>
public sealed class SurfaceDistances
{
    private readonly double[] _predictionToReference;
    private readonly double[] _referenceToPrediction;

    private SurfaceDistances(double[] predictionToReference, double[] referenceToPrediction, bool predictionEmpty, bool referenceEmpty)
    {
        Array.Sort(predictionToReference);
        Array.Sort(referenceToPrediction);
        _predictionToReference = predictionToReference;
        _referenceToPrediction = referenceToPrediction;
        PredictionIsEmpty = predictionEmpty;
        ReferenceIsEmpty = referenceEmpty;
    }

    /// <summary>Gets a value indicating whether the prediction has no foreground voxel.</summary>
    public bool PredictionIsEmpty { get; }

    /// <summary>Gets a value indicating whether the reference has no foreground voxel.</summary>
    public bool ReferenceIsEmpty { get; }

    /// <summary>Gets the distance of every prediction surface voxel to the reference surface, sorted ascending (empty if either mask is).</summary>
    public ReadOnlySpan<double> PredictionToReference => _predictionToReference;

    /// <summary>Gets the distance of every reference surface voxel to the prediction surface, sorted ascending (empty if either mask is).</summary>
    public ReadOnlySpan<double> ReferenceToPrediction => _referenceToPrediction;

    /// <summary>Gets the 95th-percentile Hausdorff distance: <c>HausdorffDistance(95)</c>.</summary>
    public double HausdorffDistance95 => HausdorffDistance(95);

    /// <summary>
    /// Gets the average symmetric surface distance: the mean over all distances of both directions,
    /// <c>(Σ d(a, ∂G) + Σ d(b, ∂P)) / (|∂P| + |∂G|)</c>.
    /// </summary>
    public double AverageSymmetricSurfaceDistance
    {
        get
        {
            if (EdgeCase() is { } value)
            {
                return value;
            }

            double sum = 0;
            foreach (var d in _predictionToReference)
            {
                sum += d;
            }

            foreach (var d in _referenceToPrediction)
            {
                sum += d;
            }

            return sum / (_predictionToReference.Length + _referenceToPrediction.Length);
        }
    }

    /// <summary>Computes the surface distances between two masks on the same grid (label &gt; 0 is foreground).</summary>
    /// <exception cref="ArgumentException">The masks differ in shape or spacing.</exception>
    public static SurfaceDistances Compute(LabelVolume prediction, LabelVolume reference)
    {
        MetricGuard.EnsureSameGrid(prediction, reference);
        var shape = reference.Shape;
        var p = prediction.Labels.Span;
        var g = reference.Labels.Span;
        var predictionEmpty = !p.ContainsAnyExcept((byte)0);
        var referenceEmpty = !g.ContainsAnyExcept((byte)0);
        if (predictionEmpty || referenceEmpty)
        {
            return new SurfaceDistances([], [], predictionEmpty, referenceEmpty);
        }

        var box = BoundingBox.OfUnion(p, g, shape)!.Value;
        var boxShape = box.Shape;
        var predictionSurface = new byte[boxShape.VoxelCount];
        var referenceSurface = new byte[boxShape.VoxelCount];
        SurfaceVoxels.Find(box.CropBinary(p, shape), boxShape, predictionSurface);
        SurfaceVoxels.Find(box.CropBinary(g, shape), boxShape, referenceSurface);

        var field = new double[boxShape.VoxelCount];
        var spacing = reference.Geometry.Spacing;
        EuclideanDistanceTransform.SquaredDistancesInPlace(referenceSurface, boxShape, spacing, field);
        var predictionToReference = Gather(field, predictionSurface);
        EuclideanDistanceTransform.SquaredDistancesInPlace(predictionSurface, boxShape, spacing, field);
        var referenceToPrediction = Gather(field, referenceSurface);
        return new SurfaceDistances(predictionToReference, referenceToPrediction, false, false);
    }

    /// <summary>
    /// Gets the symmetric percentile Hausdorff distance: the larger of the two directed percentiles (MONAI's
    /// <c>compute_hausdorff_distance(percentile=p, directed=False)</c>); percentiles interpolate linearly between
    /// order statistics (numpy's default). <c>HausdorffDistance(100)</c> is the classic Hausdorff distance.
    /// </summary>
    /// <param name="percentile">A percentile in [0, 100].</param>
    public double HausdorffDistance(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        return EdgeCase() ?? Math.Max(
            Percentile(_predictionToReference, percentile),
            Percentile(_referenceToPrediction, percentile));
    }

    /// <summary>numpy's linear percentile of an ascending, non-empty array.</summary>
    internal static double Percentile(ReadOnlySpan<double> sorted, double percentile)
    {
        var position = percentile / 100.0 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        var fraction = position - lower;
        return sorted[lower] + (fraction * (sorted[upper] - sorted[lower]));
    }

    private static double[] Gather(double[] squaredField, byte[] surface)
    {
        var count = surface.Length - surface.AsSpan().Count((byte)0);
        var distances = new double[count];
        var next = 0;
        for (var i = 0; i < surface.Length; i++)
        {
            if (surface[i] != 0)
            {
                distances[next++] = Math.Sqrt(squaredField[i]);
            }
        }

        return distances;
    }

    private double? EdgeCase() => (PredictionIsEmpty, ReferenceIsEmpty) switch
    {
        (true, true) => 0.0,
        (false, false) => null,
        _ => double.PositiveInfinity,
    };
}
