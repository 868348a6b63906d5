// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Planning;

/// <summary>The geometric decisions of a plan: target spacing (nnU-Net's rule) and the model grid within a budget.</summary>
internal static class GridPlanning
{
    /// <summary>How much the spacing grows per coarsening step (1 %), small enough that the grid lands close to the budget.</summary>
    private const double CoarseningStep = 1.01;

    /// <summary>
    /// nnU-Net v2's <c>determine_fullres_target_spacing</c>: the per-axis median spacing, except for strongly anisotropic
    /// data — when the coarsest axis's median spacing exceeds <c>threshold ×</c> the next coarsest AND that axis has
    /// <c>threshold ×</c> fewer voxels (median cropped shape) than the smallest other axis — where it takes the 10th percentile
    /// of that axis's spacings (at least the other axes' largest median spacing), so thick-slice cases are not over-interpolated.
    /// </summary>
    public static ((double X, double Y, double Z) Spacing, string Rule) TargetSpacing(
        IReadOnlyList<CaseFingerprint> cases, double threshold)
    {
        var median = new double[3];
        var shape = new double[3];
        for (var axis = 0; axis < 3; axis++)
        {
            median[axis] = Percentiles.Of(cases.Select(c => Axis(c.Spacing, axis)), 50);
            shape[axis] = Percentiles.Of(cases.Select(c => (double)Axis(c.CroppedShape, axis)), 50);
        }

        var worst = Array.IndexOf(median, median.Max());
        var others = Enumerable.Range(0, 3).Where(a => a != worst).ToArray();
        var otherSpacing = others.Max(a => median[a]);
        var anisotropicSpacing = median[worst] > threshold * otherSpacing;
        var anisotropicVoxels = shape[worst] * threshold < others.Min(a => shape[a]);
        if (!(anisotropicSpacing && anisotropicVoxels))
        {
            return ((median[0], median[1], median[2]), "per-axis median of the cases' spacings");
        }

        var tenth = Percentiles.Of(cases.Select(c => Axis(c.Spacing, worst)), 10);
        if (tenth < otherSpacing)
        {
            tenth = Math.Max(otherSpacing, tenth) + 1e-5;
        }

        var target = (double[])median.Clone();
        target[worst] = tenth;
        var rule = string.Create(CultureInfo.InvariantCulture,
            $"per-axis median, except axis {"XYZ"[worst]} (median {median[worst]:0.###} mm > {threshold:0.##} × {otherSpacing:0.###} mm, strongly anisotropic): the 10th percentile of its spacings (nnU-Net's rule)");
        return ((target[0], target[1], target[2]), rule);
    }

    /// <summary>The cases' cropped shapes at <paramref name="spacing"/>, rounded as <see cref="Transforms.ResampleToSpacing"/> rounds.</summary>
    public static VolumeShape[] ShapesAt(IReadOnlyList<CaseFingerprint> cases, (double X, double Y, double Z) spacing) =>
        [.. cases.Select(c => new VolumeShape(
            Resampled(c.CroppedShape.X, c.Spacing.X, spacing.X),
            Resampled(c.CroppedShape.Y, c.Spacing.Y, spacing.Y),
            Resampled(c.CroppedShape.Z, c.Spacing.Z, spacing.Z)))];

    /// <summary>The per-axis percentile of <paramref name="shapes"/>, rounded up.</summary>
    public static VolumeShape PercentileShape(IReadOnlyList<VolumeShape> shapes, double percent) => new(
        (int)Math.Ceiling(Percentiles.Of(shapes.Select(s => (double)s.X), percent)),
        (int)Math.Ceiling(Percentiles.Of(shapes.Select(s => (double)s.Y), percent)),
        (int)Math.Ceiling(Percentiles.Of(shapes.Select(s => (double)s.Z), percent)));

    /// <summary>
    /// Sizes the grid: the planned extent rounded up to <paramref name="multiple"/>; when that exceeds the budget (or does not
    /// fit a given grid), the spacing is coarsened by the same factor on every axis, 1 % at a time, until it fits.
    /// </summary>
    public static (VolumeShape Grid, VolumeShape Planned, (double X, double Y, double Z) Spacing, double Coarsening) Grid(
        IReadOnlyList<CaseFingerprint> cases, (double X, double Y, double Z) spacing, double percentile, int multiple, long budget,
        VolumeShape? givenGrid, bool mayCoarsen)
    {
        var factor = 1.0;
        while (true)
        {
            var current = (spacing.X * factor, spacing.Y * factor, spacing.Z * factor);
            var planned = PercentileShape(ShapesAt(cases, current), percentile);
            var grid = givenGrid ?? new VolumeShape(RoundUp(planned.X, multiple), RoundUp(planned.Y, multiple), RoundUp(planned.Z, multiple));
            var fits = givenGrid is { } g ? planned.X <= g.X && planned.Y <= g.Y && planned.Z <= g.Z : grid.VoxelCount <= budget;
            if (fits || !mayCoarsen || planned is { X: 1, Y: 1, Z: 1 })
            {
                return (grid, planned, current, factor);
            }

            factor *= CoarseningStep;
        }
    }

    private static int RoundUp(int n, int multiple) => Math.Max(multiple, (n + multiple - 1) / multiple * multiple);

    private static int Resampled(int n, double spacing, double target) =>
        Math.Max(1, (int)Math.Round(n * spacing / target, MidpointRounding.AwayFromZero));

    private static double Axis((double X, double Y, double Z) v, int axis) => axis switch { 0 => v.X, 1 => v.Y, _ => v.Z };

    private static int Axis(VolumeShape s, int axis) => axis switch { 0 => s.X, 1 => s.Y, _ => s.Z };
}
