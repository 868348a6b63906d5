// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Metrics;

/// <summary>The per-metric summaries over every case seen by a cumulative metric.</summary>
/// <param name="CaseCount">The number of cases aggregated.</param>
/// <param name="Dice">Summary of <see cref="CaseMetrics.Dice"/>.</param>
/// <param name="IntersectionOverUnion">Summary of <see cref="CaseMetrics.IntersectionOverUnion"/>.</param>
/// <param name="HausdorffDistance95">Summary of <see cref="CaseMetrics.HausdorffDistance95"/> (millimetres).</param>
/// <param name="AverageSymmetricSurfaceDistance">Summary of <see cref="CaseMetrics.AverageSymmetricSurfaceDistance"/> (millimetres).</param>
public sealed record AggregatedMetrics(
    int CaseCount,
    MetricSummary Dice,
    MetricSummary IntersectionOverUnion,
    MetricSummary HausdorffDistance95,
    MetricSummary AverageSymmetricSurfaceDistance);
