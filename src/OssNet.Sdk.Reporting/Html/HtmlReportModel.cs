// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Everything an HTML report shows: the cases with their volumes and numbers, the classes, and related links.</summary>
/// <remarks>The report is written by <see cref="HtmlReport.WriteAsync"/>; it only reads the volumes.</remarks>
public sealed class HtmlReportModel
{
    /// <summary>Gets the report's title (page titles and heading).</summary>
    /// <value>The default value is "Segmentation report".</value>
    public string Title { get; init; } = "Segmentation report";

    /// <summary>Gets a one-line description under the title (model, weights, data), or null for none.</summary>
    public string? Description { get; init; }

    /// <summary>Gets the classes whose label values the predicted and reference masks hold; they name the legend and
    /// pick the overlay colours (class index i gets colour i of the palette).</summary>
    public required LabelSet Labels { get; init; }

    /// <summary>Gets the cases, in the order the table lists them first.</summary>
    public required IReadOnlyList<HtmlReportCase> Cases { get; init; }

    /// <summary>Gets links shown on the index page (training curves, benchmark pages). Local files are copied into the
    /// report folder so that it stays self-contained; PNG and SVG images are shown inline.</summary>
    public IReadOnlyList<ReportLink> Links { get; init; } = [];

    /// <summary>Gets the channel of multi-channel scans the viewer shows (e.g. 0 = FLAIR for BraTS).</summary>
    /// <value>The default value is 0.</value>
    public int ScanChannel { get; init; }
}

/// <summary>One case of an <see cref="HtmlReportModel"/>.</summary>
public sealed class HtmlReportCase
{
    /// <summary>Gets the case identifier (shown as given, escaped; file names are derived from it safely).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the scan the masks are drawn over.</summary>
    public required Volume Scan { get; init; }

    /// <summary>Gets the predicted label map (label values of <see cref="HtmlReportModel.Labels"/>), drawn as a filled,
    /// coloured overlay. Same shape as the scan.</summary>
    public required LabelVolume Prediction { get; init; }

    /// <summary>Gets the reference label map, drawn as the outline of each class, or null when there is none.</summary>
    public LabelVolume? Reference { get; init; }

    /// <summary>Gets the case's numbers: per class (Dice of "tumour") or for the whole case (seconds).</summary>
    public IReadOnlyList<ReportMetric> Metrics { get; init; } = [];
}

/// <summary>One number of a case.</summary>
/// <param name="Name">The metric, with its unit where it has one ("Dice", "HD95 (mm)", "seconds").</param>
/// <param name="Value">The value, or null when undefined (e.g. HD95 with an empty mask).</param>
/// <param name="ClassName">The class it belongs to (a name of <see cref="HtmlReportModel.Labels"/>), or null for a
/// number of the whole case. Per-class metrics also get a column with their mean over the case's classes.</param>
public sealed record ReportMetric(string Name, double? Value, string? ClassName = null);

/// <summary>A link on the report's index page.</summary>
/// <param name="Title">The text of the link.</param>
/// <param name="Target">A URL (kept as is) or the path of a local file (copied into the report's <c>links/</c> folder).</param>
public sealed record ReportLink(string Title, string Target);
