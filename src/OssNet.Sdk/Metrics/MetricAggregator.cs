// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Metrics;

/// <summary>
/// Accumulates <see cref="CaseMetrics"/> over cases and summarises them (mean and sample standard deviation per
/// metric), with MONAI's <c>Cumulative</c> life cycle: Update per case, Aggregate, Reset.
/// </summary>
/// <remarks>
/// Non-finite values (a Hausdorff distance of +∞ when one mask is empty) are counted in
/// <see cref="MetricSummary.NonFiniteCount"/> and left out of the mean and standard deviation; metrics that were not
/// computed (null) are counted in <see cref="MetricSummary.MissingCount"/>. Thread-safe.
/// </remarks>
public sealed class MetricAggregator : ISegmentationMetric
{
    private readonly List<CaseMetrics> _cases = [];
    private readonly Lock _gate = new();

    /// <summary>Initializes a new aggregator.</summary>
    /// <param name="includeSurfaceDistances">Whether <see cref="Update(LabelVolume, LabelVolume)"/> computes HD95 and ASSD.</param>
    public MetricAggregator(bool includeSurfaceDistances = true) => IncludeSurfaceDistances = includeSurfaceDistances;

    /// <summary>Gets a value indicating whether volume updates compute HD95 and ASSD.</summary>
    public bool IncludeSurfaceDistances { get; }

    /// <summary>Gets the number of cases accumulated.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _cases.Count;
            }
        }
    }

    /// <inheritdoc />
    public CaseMetrics Update(LabelVolume prediction, LabelVolume reference)
    {
        var metrics = SegmentationMetrics.Compute(prediction, reference, IncludeSurfaceDistances);
        Update(metrics);
        return metrics;
    }

    /// <summary>Adds an already computed case (e.g. from <see cref="SegmentationMetrics.ComputeOnPoints(ReadOnlySpan{float}, ReadOnlySpan{byte}, double)"/>).</summary>
    public void Update(CaseMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        lock (_gate)
        {
            _cases.Add(metrics);
        }
    }

    /// <summary>Returns a snapshot of the accumulated cases, in update order.</summary>
    public IReadOnlyList<CaseMetrics> GetCases()
    {
        lock (_gate)
        {
            return [.. _cases];
        }
    }

    /// <inheritdoc />
    public AggregatedMetrics Aggregate()
    {
        return Summarize(GetCases());
    }

    /// <inheritdoc />
    public void Reset()
    {
        lock (_gate)
        {
            _cases.Clear();
        }
    }

    /// <summary>Summarises values: mean and sample standard deviation of the finite ones; non-finite and null ones are counted.</summary>
    public static MetricSummary Summarize(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var finite = new List<double>();
        int nonFinite = 0, missing = 0;
        foreach (var value in values)
        {
            if (value is not { } v)
            {
                missing++;
            }
            else if (double.IsFinite(v))
            {
                finite.Add(v);
            }
            else
            {
                nonFinite++;
            }
        }

        var mean = double.NaN;
        var standardDeviation = double.NaN;
        if (finite.Count > 0)
        {
            mean = finite.Sum() / finite.Count;
        }

        if (finite.Count > 1)
        {
            double squares = 0;
            foreach (var v in finite)
            {
                squares += (v - mean) * (v - mean);
            }

            standardDeviation = Math.Sqrt(squares / (finite.Count - 1));
        }

        return new MetricSummary(mean, standardDeviation, finite.Count, nonFinite, missing);
    }

    /// <summary>Summarises each metric of <paramref name="cases"/> (<see cref="Summarize(IEnumerable{double?})"/>).</summary>
    internal static AggregatedMetrics Summarize(IReadOnlyList<CaseMetrics> cases) =>
        new(
            cases.Count,
            Summarize(cases, c => c.Dice),
            Summarize(cases, c => c.IntersectionOverUnion),
            Summarize(cases, c => c.HausdorffDistance95),
            Summarize(cases, c => c.AverageSymmetricSurfaceDistance));

    private static MetricSummary Summarize(IReadOnlyList<CaseMetrics> cases, Func<CaseMetrics, double?> metric) =>
        Summarize(cases.Select(metric));
}
