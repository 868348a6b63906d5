// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>A column of the case table: a metric of one class, its mean over the classes, or a whole-case number.</summary>
/// <param name="Metric">The metric name.</param>
/// <param name="ClassName">The class, or null for the mean column and for whole-case numbers.</param>
/// <param name="IsClassMean">Whether the column is the mean of <paramref name="Metric"/> over a case's classes.</param>
internal sealed record ReportColumn(string Metric, string? ClassName, bool IsClassMean)
{
    /// <summary>Gets the second header row's text: the class, "mean", or empty for whole-case numbers.</summary>
    public string SubHeader => IsClassMean ? "mean" : ClassName ?? string.Empty;

    /// <summary>Gets a one-line name, e.g. "Dice · tumour".</summary>
    public string FullName => SubHeader.Length == 0 ? Metric : $"{Metric} · {SubHeader}";
}

/// <summary>Lays out the case table: which columns, in which order, and each cell's value.</summary>
internal static class ReportTable
{
    /// <summary>Per-class metrics first (in order of first appearance; classes in label-set order, then their mean when
    /// there are several classes), then whole-case numbers.</summary>
    public static IReadOnlyList<ReportColumn> Columns(LabelSet labels, IEnumerable<IReadOnlyList<ReportMetric>> caseMetrics)
    {
        var all = caseMetrics.SelectMany(m => m).ToList();
        var classOrder = labels.Labels.Select((l, i) => (l.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        var columns = new List<ReportColumn>();
        foreach (var metric in all.Where(m => m.ClassName is not null).Select(m => m.Name).Distinct(StringComparer.Ordinal))
        {
            var classes = all.Where(m => m.Name == metric && m.ClassName is not null).Select(m => m.ClassName!)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(name => classOrder.TryGetValue(name, out var index) ? index : int.MaxValue)
                .ToList();
            columns.AddRange(classes.Select(name => new ReportColumn(metric, name, IsClassMean: false)));
            if (classes.Count > 1)
            {
                columns.Add(new ReportColumn(metric, null, IsClassMean: true));
            }
        }

        columns.AddRange(all.Where(m => m.ClassName is null).Select(m => m.Name).Distinct(StringComparer.Ordinal)
            .Select(name => new ReportColumn(name, null, IsClassMean: false)));
        return columns;
    }

    /// <summary>The value of a case in a column; a class mean averages the finite values of the case's classes (null
    /// when none is finite).</summary>
    public static double? Value(IReadOnlyList<ReportMetric> metrics, ReportColumn column)
    {
        if (column.IsClassMean)
        {
            var values = metrics
                .Where(m => m.Name == column.Metric && m.ClassName is not null && m.Value is { } v && double.IsFinite(v))
                .Select(m => m.Value!.Value)
                .ToList();
            return values.Count == 0 ? null : values.Average();
        }

        return metrics.LastOrDefault(m => m.Name == column.Metric && m.ClassName == column.ClassName)?.Value;
    }

    /// <summary>The mean of a column's finite values over all cases, or null when there are none.</summary>
    public static double? ColumnMean(IEnumerable<IReadOnlyList<ReportMetric>> caseMetrics, ReportColumn column)
    {
        var values = caseMetrics.Select(m => Value(m, column)).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        return values.Count == 0 ? null : values.Average();
    }
}
