// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Metrics;

/// <summary>The segmentation metrics of one case (one volume, or one point set of a volume).</summary>
/// <param name="Dice">Dice coefficient <c>2|P∧G| / (|P| + |G| + 1e-10)</c>; 1 when both masks are empty.</param>
/// <param name="IntersectionOverUnion">IoU (Jaccard) <c>|P∧G| / (|P∨G| + 1e-10)</c>; 1 when both masks are empty.</param>
/// <param name="HausdorffDistance95">
/// The 95th-percentile Hausdorff distance in millimetres: the larger of the two directed 95th percentiles of the
/// surface-to-surface distances. 0 when both masks are empty, <see cref="double.PositiveInfinity"/> when exactly one
/// is; null when not computed (point sets, or surface distances switched off).
/// </param>
/// <param name="AverageSymmetricSurfaceDistance">
/// The average symmetric surface distance in millimetres: the mean of all surface-to-surface distances of both
/// directions. Same edge cases as <paramref name="HausdorffDistance95"/>.
/// </param>
/// <param name="PredictedVoxels">|P|: foreground voxels (or points) of the prediction.</param>
/// <param name="ReferenceVoxels">|G|: foreground voxels (or points) of the reference.</param>
/// <param name="IntersectionVoxels">|P∧G|: voxels (or points) that are foreground in both.</param>
/// <remarks>Definitions, edge cases and conventions: docs/metrics.md.</remarks>
public sealed record CaseMetrics(
    double Dice,
    double IntersectionOverUnion,
    double? HausdorffDistance95,
    double? AverageSymmetricSurfaceDistance,
    long PredictedVoxels,
    long ReferenceVoxels,
    long IntersectionVoxels)
{
    /// <summary>Gets an optional case identifier, carried into reports.</summary>
    public string? CaseId { get; init; }
}
