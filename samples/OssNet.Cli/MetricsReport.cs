// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using System.Text.Json;
using OssNet.Sdk.Metrics;

namespace OssNet.Cli;

/// <summary>Writes per-case metrics and their summary as CSV (one row per case, then mean and sd rows) or JSON; atomically.</summary>
internal static class MetricsReport
{
    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string? FormatOf(string path) =>
        path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
        : path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "json"
        : null;

    public static async Task WriteAsync(string path, IReadOnlyList<CaseMetrics> cases, AggregatedMetrics summary, CancellationToken cancellationToken)
    {
        var text = FormatOf(path) == "csv" ? Csv(cases, summary) : Json(cases, summary);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".tmp";
        await File.WriteAllTextAsync(temporary, text, cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }

    private static string Csv(IReadOnlyList<CaseMetrics> cases, AggregatedMetrics summary)
    {
        var csv = new StringBuilder("case,dice,iou,hd95_mm,assd_mm,predicted_voxels,reference_voxels,intersection_voxels\n");
        foreach (var c in cases)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{c.CaseId},{N(c.Dice)},{N(c.IntersectionOverUnion)},{N(c.HausdorffDistance95)},{N(c.AverageSymmetricSurfaceDistance)},")
               .Append(CultureInfo.InvariantCulture, $"{c.PredictedVoxels},{c.ReferenceVoxels},{c.IntersectionVoxels}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"mean,{N(summary.Dice.Mean)},{N(summary.IntersectionOverUnion.Mean)},{N(summary.HausdorffDistance95.Mean)},{N(summary.AverageSymmetricSurfaceDistance.Mean)},,,\n");
        csv.Append(CultureInfo.InvariantCulture, $"sd,{N(summary.Dice.StandardDeviation)},{N(summary.IntersectionOverUnion.StandardDeviation)},{N(summary.HausdorffDistance95.StandardDeviation)},{N(summary.AverageSymmetricSurfaceDistance.StandardDeviation)},,,\n");
        return csv.ToString();
    }

    private static string Json(IReadOnlyList<CaseMetrics> cases, AggregatedMetrics summary) =>
        JsonSerializer.Serialize(
            new
            {
                cases = cases.Select(c => new
                {
                    @case = c.CaseId,
                    dice = c.Dice,
                    iou = c.IntersectionOverUnion,
                    hd95Mm = c.HausdorffDistance95,
                    assdMm = c.AverageSymmetricSurfaceDistance,
                    predictedVoxels = c.PredictedVoxels,
                    referenceVoxels = c.ReferenceVoxels,
                    intersectionVoxels = c.IntersectionVoxels,
                }),
                summary = new
                {
                    caseCount = summary.CaseCount,
                    dice = summary.Dice,
                    iou = summary.IntersectionOverUnion,
                    hd95Mm = summary.HausdorffDistance95,
                    assdMm = summary.AverageSymmetricSurfaceDistance,
                },
            },
            s_json);

    private static string N(double? value) => value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
