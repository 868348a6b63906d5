// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Turns the SDK's metric results into report numbers, with the names the report's columns use.</summary>
public static class ReportMetrics
{
    /// <summary>The column name of the Dice coefficient.</summary>
    public const string Dice = "Dice";

    /// <summary>The column name of the intersection over union.</summary>
    public const string IntersectionOverUnion = "IoU";

    /// <summary>The column name of the 95th-percentile Hausdorff distance.</summary>
    public const string HausdorffDistance95 = "HD95 (mm)";

    /// <summary>The column name of the average symmetric surface distance.</summary>
    public const string AverageSymmetricSurfaceDistance = "ASSD (mm)";

    /// <summary>The column name of a class's predicted volume.</summary>
    public const string VolumeMillilitres = "volume (mL)";

    /// <summary>Dice, IoU, HD95 and ASSD of one class (surface distances only when computed).</summary>
    /// <param name="metrics">The class's metrics (for a binary segmentation: the foreground's).</param>
    /// <param name="className">The class name (a name of the report's <see cref="LabelSet"/>).</param>
    public static IReadOnlyList<ReportMetric> FromCaseMetrics(CaseMetrics metrics, string className)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentException.ThrowIfNullOrWhiteSpace(className);
        return
        [
            new(Dice, metrics.Dice, className),
            new(IntersectionOverUnion, metrics.IntersectionOverUnion, className),
            new(HausdorffDistance95, metrics.HausdorffDistance95, className),
            new(AverageSymmetricSurfaceDistance, metrics.AverageSymmetricSurfaceDistance, className),
        ];
    }

    /// <summary>The volume of every foreground class of a label map in millilitres (voxel count × voxel volume).</summary>
    /// <param name="labels">The label map, holding label values of <paramref name="labelSet"/>.</param>
    /// <param name="labelSet">The classes.</param>
    public static IReadOnlyList<ReportMetric> ClassVolumes(LabelVolume labels, LabelSet labelSet)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(labelSet);
        var counts = new long[labelSet.Count];
        foreach (var value in labels.Labels.Span)
        {
            var c = labelSet.ClassOf(value);
            if (c > 0)
            {
                counts[c]++;
            }
        }

        var (x, y, z) = labels.Geometry.Spacing;
        var millilitresPerVoxel = x * y * z / 1000.0;
        return [.. Enumerable.Range(1, labelSet.Count - 1).Select(c => new ReportMetric(VolumeMillilitres, counts[c] * millilitresPerVoxel, labelSet.NameOf(c)))];
    }
}
