// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli;

/// <summary>Writes per-case metrics and their summary as CSV (one row per case, then mean and sd rows) or JSON; atomically.</summary>
/// <remarks>
/// The leading columns/fields are the case's metrics over all foreground classes (their mean; for a binary model the one
/// class, exactly as before). Multi-class reports add per-class columns (CSV: <c>dice_3_white_matter</c>, …) and every JSON
/// report carries <c>labels</c> and per-class <c>classes</c> arrays. Schema: docs/cli.md.
/// </remarks>
internal static class MetricsReport
{
    /// <summary>The version of the JSON layout (docs/cli.md); 2 added labels and per-class metrics.</summary>
    public const int JsonSchemaVersion = 2;

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string? FormatOf(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
        : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json"
        : null;

    public static async Task WriteAsync(string path, IReadOnlyList<PerClassMetrics> cases, PerClassAggregatedMetrics summary, LabelSet labels, CancellationToken cancellationToken)
    {
        var text = FormatOf(path) == "csv" ? Csv(cases, summary, labels) : Json(cases, summary, labels);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }

    private static string Csv(IReadOnlyList<PerClassMetrics> cases, PerClassAggregatedMetrics summary, LabelSet labels)
    {
        var perClass = !labels.IsBinary;
        var csv = new StringBuilder("case,dice,iou,hd95_mm,assd_mm,predicted_voxels,reference_voxels,intersection_voxels");
        if (perClass)
        {
            foreach (var c in summary.Classes)
            {
                var key = ColumnKey(c.Value, c.Name);
                csv.Append(CultureInfo.InvariantCulture, $",dice_{key},iou_{key},hd95_mm_{key},assd_mm_{key}");
            }
        }

        csv.Append('\n');
        foreach (var c in cases)
        {
            var m = c.Mean;
            csv.Append(CultureInfo.InvariantCulture, $"{c.CaseId},{N(m.Dice)},{N(m.IntersectionOverUnion)},{N(m.HausdorffDistance95)},{N(m.AverageSymmetricSurfaceDistance)},")
               .Append(CultureInfo.InvariantCulture, $"{m.PredictedVoxels},{m.ReferenceVoxels},{m.IntersectionVoxels}");
            if (perClass)
            {
                foreach (var k in c.Classes.Select(k => k.Metrics))
                {
                    csv.Append(CultureInfo.InvariantCulture, $",{N(k.Dice)},{N(k.IntersectionOverUnion)},{N(k.HausdorffDistance95)},{N(k.AverageSymmetricSurfaceDistance)}");
                }
            }

            csv.Append('\n');
        }

        AppendSummaryRow(csv, "mean", summary, perClass, s => s.Mean);
        AppendSummaryRow(csv, "sd", summary, perClass, s => s.StandardDeviation);
        return csv.ToString();
    }

    private static void AppendSummaryRow(StringBuilder csv, string name, PerClassAggregatedMetrics summary, bool perClass, Func<MetricSummary, double> statistic)
    {
        static string Four(AggregatedMetrics m, Func<MetricSummary, double> statistic) => string.Join(
            ',', N(statistic(m.Dice)), N(statistic(m.IntersectionOverUnion)), N(statistic(m.HausdorffDistance95)), N(statistic(m.AverageSymmetricSurfaceDistance)));

        csv.Append(CultureInfo.InvariantCulture, $"{name},{Four(summary.Mean, statistic)},,,");
        if (perClass)
        {
            foreach (var c in summary.Classes)
            {
                csv.Append(',').Append(Four(c.Metrics, statistic));
            }
        }

        csv.Append('\n');
    }

    private static string Json(IReadOnlyList<PerClassMetrics> cases, PerClassAggregatedMetrics summary, LabelSet labels) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["schemaVersion"] = JsonSchemaVersion,
                ["labels"] = labels.Labels.Select(l => new { value = l.Value, name = l.Name }),
                ["collapseForeground"] = labels.CollapseForeground,
                ["cases"] = cases.Select(c => With(
                    new() { ["case"] = c.CaseId },
                    Fields(c.Mean),
                    new() { ["classes"] = c.Classes.Select(k => With(Class(k.Value, k.Name), Fields(k.Metrics))) })),
                ["summary"] = With(
                    new() { ["caseCount"] = summary.CaseCount },
                    Fields(summary.Mean),
                    new() { ["classes"] = summary.Classes.Select(k => With(Class(k.Value, k.Name), Fields(k.Metrics))) }),
            },
            s_json);

    private static Dictionary<string, object?> Class(byte value, string name) => new() { ["value"] = value, ["name"] = name };

    private static Dictionary<string, object?> Fields(CaseMetrics m) => new()
    {
        ["dice"] = m.Dice,
        ["iou"] = m.IntersectionOverUnion,
        ["hd95Mm"] = m.HausdorffDistance95,
        ["assdMm"] = m.AverageSymmetricSurfaceDistance,
        ["predictedVoxels"] = m.PredictedVoxels,
        ["referenceVoxels"] = m.ReferenceVoxels,
        ["intersectionVoxels"] = m.IntersectionVoxels,
    };

    private static Dictionary<string, object?> Fields(AggregatedMetrics m) => new()
    {
        ["dice"] = m.Dice,
        ["iou"] = m.IntersectionOverUnion,
        ["hd95Mm"] = m.HausdorffDistance95,
        ["assdMm"] = m.AverageSymmetricSurfaceDistance,
    };

    /// <summary>The fields of <paramref name="parts"/> in order, as one JSON object.</summary>
    private static Dictionary<string, object?> With(params Dictionary<string, object?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>A CSV-safe column suffix: the value and the name in lower case, other characters as '_' (<c>3_white_matter</c>).</summary>
    private static string ColumnKey(byte value, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"{value}_{new string([.. name.ToLowerInvariant().Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '_')])}");

    private static string N(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
