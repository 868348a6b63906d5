// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Metrics;

/// <summary>The metrics of one foreground class in one case.</summary>
/// <param name="Value">The class's label value (as in the label files and the written masks).</param>
/// <param name="Name">The class's name.</param>
/// <param name="Metrics">Dice, IoU, HD95 and ASSD of the class's voxels against the reference's voxels of the same class.</param>
public sealed record ClassMetrics(byte Value, string Name, CaseMetrics Metrics);

/// <summary>The metrics of one case, per foreground class and their mean.</summary>
/// <param name="Classes">One entry per foreground class of the label set, in class-index order.</param>
/// <param name="Mean">
/// The mean over <paramref name="Classes"/>: Dice, IoU, HD95 and ASSD are arithmetic means over every foreground class (each
/// with its own edge-case value: a class empty in both masks has Dice 1 and distance 0, one empty in exactly one has Dice 0
/// and distance +∞, which makes the mean distance +∞); the voxel counts are sums. With one foreground class the mean
/// is that class's metrics. See docs/metrics.md.
/// </param>
public sealed record PerClassMetrics(IReadOnlyList<ClassMetrics> Classes, CaseMetrics Mean)
{
    /// <summary>Gets an optional case identifier, carried into reports.</summary>
    public string? CaseId { get; init; }
}

/// <summary>The summary over cases of one foreground class.</summary>
/// <param name="Value">The class's label value.</param>
/// <param name="Name">The class's name.</param>
/// <param name="Metrics">Mean and standard deviation of each metric over the cases.</param>
public sealed record ClassSummary(byte Value, string Name, AggregatedMetrics Metrics);

/// <summary>The summary over cases of per-class metrics: per class, and of the per-case means.</summary>
/// <param name="CaseCount">The number of cases.</param>
/// <param name="Classes">One summary per foreground class, in class-index order.</param>
/// <param name="Mean">The summary of the per-case means (<see cref="PerClassMetrics.Mean"/>).</param>
public sealed record PerClassAggregatedMetrics(int CaseCount, IReadOnlyList<ClassSummary> Classes, AggregatedMetrics Mean);
