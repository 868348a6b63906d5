// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>
/// Accumulates <see cref="PerClassMetrics"/> over cases and summarises each foreground class and the per-case means, with
/// the same life cycle and conventions as <see cref="MetricAggregator"/> (non-finite values are counted, not averaged).
/// </summary>
/// <remarks>Thread-safe. Every case must be scored with the same label set.</remarks>
public sealed class PerClassMetricAggregator
{
    private readonly List<PerClassMetrics> _cases = [];
    private readonly Lock _gate = new();

    /// <summary>Initializes a new aggregator.</summary>
    /// <param name="labels">The classes every case is scored on.</param>
    /// <param name="includeSurfaceDistances">Whether <see cref="Update(LabelVolume, LabelVolume, string?)"/> computes HD95 and ASSD.</param>
    public PerClassMetricAggregator(LabelSet labels, bool includeSurfaceDistances = true)
    {
        ArgumentNullException.ThrowIfNull(labels);
        Labels = labels;
        IncludeSurfaceDistances = includeSurfaceDistances;
    }

    /// <summary>Gets the classes the cases are scored on.</summary>
    public LabelSet Labels { get; }

    /// <summary>Gets a value indicating whether volume updates compute HD95 and ASSD.</summary>
    public bool IncludeSurfaceDistances { get; }

    /// <summary>Scores one case (<see cref="SegmentationMetrics.ComputePerClass"/>) and adds it.</summary>
    /// <param name="prediction">The predicted label map (label values of <see cref="Labels"/>).</param>
    /// <param name="reference">The reference label map (mapped through the same <see cref="Labels"/>).</param>
    /// <param name="caseId">The case, carried into the result and named in errors.</param>
    /// <returns>The metrics of this case.</returns>
    public PerClassMetrics Update(LabelVolume prediction, LabelVolume reference, string? caseId = null)
    {
        var metrics = SegmentationMetrics.ComputePerClass(prediction, reference, Labels, IncludeSurfaceDistances, caseId) with { CaseId = caseId };
        Update(metrics);
        return metrics;
    }

    /// <summary>Adds an already computed case.</summary>
    /// <exception cref="ArgumentException">The case has another number of classes than <see cref="Labels"/>.</exception>
    public void Update(PerClassMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Classes.Count != Labels.Count - 1)
        {
            throw new ArgumentException(
                $"Case '{metrics.CaseId}' has {metrics.Classes.Count} foreground classes; the aggregator's label set ({Labels.Describe()}) has {Labels.Count - 1}.",
                nameof(metrics));
        }

        lock (_gate)
        {
            _cases.Add(metrics);
        }
    }

    /// <summary>Returns a snapshot of the accumulated cases, in update order.</summary>
    public IReadOnlyList<PerClassMetrics> GetCases()
    {
        lock (_gate)
        {
            return [.. _cases];
        }
    }

    /// <summary>Summarises every case accumulated so far: per class and of the per-case means.</summary>
    public PerClassAggregatedMetrics Aggregate()
    {
        var cases = GetCases();
        var classes = new List<ClassSummary>(Labels.Count - 1);
        for (var c = 1; c < Labels.Count; c++)
        {
            var index = c - 1;
            classes.Add(new ClassSummary(Labels.Labels[c].Value, Labels.Labels[c].Name, MetricAggregator.Summarize(cases.Select(m => m.Classes[index].Metrics).ToList())));
        }

        return new PerClassAggregatedMetrics(cases.Count, classes, MetricAggregator.Summarize(cases.Select(m => m.Mean).ToList()));
    }

    /// <summary>Forgets every accumulated case.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _cases.Clear();
        }
    }
}
