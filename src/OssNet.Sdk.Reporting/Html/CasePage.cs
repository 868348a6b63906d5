// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Renders a case page: the NiiVue viewer (scan, filled prediction, reference outline), the class legend with
/// view controls, and the case's numbers.</summary>
/// <remarks>The volumes come from <c>&lt;stem&gt;.data.js</c> beside the page (a classic script, which browsers load
/// from <c>file://</c> where <c>fetch</c> is refused); the page's settings are inline JSON read by <c>case.js</c>.</remarks>
internal static class CasePage
{
    /// <param name="report">The report.</param>
    /// <param name="index">The case's position in <see cref="ReportContents.Cases"/>.</param>
    public static string Render(ReportContents report, int index)
    {
        var reportCase = report.Cases[index];
        var count = report.Cases.Count;
        var html = new StringBuilder();
        PageLayout.AppendHead(html, $"{reportCase.Id} · {report.Title}", assetPrefix: "../assets/");
        html.Append("<body class=\"case-page\">\n");
        var crumbs = new StringBuilder("<a href=\"../index.html\">← ").Append(HtmlText.Escape(report.Title)).Append("</a>");
        crumbs.Append("<span class=\"pager\">");
        AppendPager(crumbs, index > 0 ? report.Cases[index - 1].Stem : null, "‹ previous", "prev-case");
        crumbs.Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">case {index + 1} of {count}</span>");
        AppendPager(crumbs, index < count - 1 ? report.Cases[index + 1].Stem : null, "next ›", "next-case");
        crumbs.Append("</span>");
        PageLayout.AppendHeader(html, reportCase.Id, report.Description, crumbs.ToString());

        html.Append("<main class=\"case-layout\">\n<section class=\"viewer-panel\">\n<div class=\"toolbar\" role=\"toolbar\" aria-label=\"Views\">")
            .Append("<button type=\"button\" data-view=\"multiplanar\" class=\"active\">Multiplanar + 3D</button>")
            .Append("<button type=\"button\" data-view=\"axial\">Axial</button>")
            .Append("<button type=\"button\" data-view=\"coronal\">Coronal</button>")
            .Append("<button type=\"button\" data-view=\"sagittal\">Sagittal</button>")
            .Append("<button type=\"button\" data-view=\"render\">3D</button></div>\n")
            .Append("<div class=\"viewer\"><canvas id=\"viewer\"></canvas><div id=\"viewer-message\" class=\"viewer-message\">Loading volumes…</div></div>\n")
            .Append("<p class=\"hint\">Drag to move the crosshair (slices) or rotate (3D); scroll to change slice; right-drag to adjust contrast.</p>\n")
            .Append("</section>\n<aside class=\"side\">\n");
        AppendLegend(html, report, reportCase.HasReference);
        AppendMetrics(html, report, reportCase);
        AppendScan(html, report, reportCase);
        html.Append("</aside>\n</main>\n");
        PageLayout.AppendFooter(html);

        var settings = new
        {
            id = reportCase.Id,
            hasReference = reportCase.HasReference,
            focus = reportCase.Focus is var (fx, fy, fz) ? new[] { fx, fy, fz } : null,
            labels = Enumerable.Range(1, report.Labels.Count - 1).Select(i => new
            {
                value = report.Labels.Labels[i].Value,
                name = report.Labels.NameOf(i),
                color = LabelPalette.RgbOf(i),
            }),
        };
        html.Append("<script type=\"application/json\" id=\"case-settings\">").Append(HtmlText.Json(settings)).Append("</script>\n")
            .Append("<script src=\"../assets/niivue.umd.js\"></script>\n")
            .Append("<script src=\"").Append(reportCase.Stem).Append(".data.js\"></script>\n")
            .Append("<script src=\"../assets/case.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendPager(StringBuilder html, string? stem, string text, string id)
    {
        if (stem is null)
        {
            html.Append("<span class=\"disabled\">").Append(text).Append("</span>");
        }
        else
        {
            html.Append("<a id=\"").Append(id).Append("\" href=\"").Append(stem).Append(".html\">").Append(text).Append("</a>");
        }
    }

    private static void AppendLegend(StringBuilder html, ReportContents report, bool hasReference)
    {
        html.Append("<section class=\"panel\">\n<h2>Classes</h2>\n<ul class=\"legend\">");
        for (var i = 1; i < report.Labels.Count; i++)
        {
            html.Append("<li><span class=\"swatch\" style=\"background:").Append(LabelPalette.HexOf(i)).Append("\"></span>")
                .Append(HtmlText.Escape(report.Labels.NameOf(i)))
                .Append(CultureInfo.InvariantCulture, $"<span class=\"muted\">label {report.Labels.Labels[i].Value}</span></li>");
        }

        html.Append("</ul>\n<div class=\"controls\">")
            .Append("<label><input type=\"checkbox\" id=\"show-prediction\" checked> <span class=\"key key-fill\"></span>Prediction (filled)</label>");
        if (hasReference)
        {
            html.Append("<label><input type=\"checkbox\" id=\"show-reference\" checked> <span class=\"key key-outline\"></span>Reference (outline)</label>");
        }

        html.Append("<label class=\"slider\">Fill opacity <input type=\"range\" id=\"opacity\" min=\"0\" max=\"100\" value=\"50\"></label>")
            .Append("</div>\n</section>\n");
    }

    private static void AppendMetrics(StringBuilder html, ReportContents report, CaseSummary reportCase)
    {
        var columns = ReportTable.Columns(report.Labels, [reportCase.Metrics]);
        if (columns.Count == 0)
        {
            return;
        }

        // Per-class metrics as a metric × class table (classes are few, metrics many: it fits the side panel), with the
        // class mean as the last column; whole-case numbers as a list below it.
        var perClass = columns.Where(c => c.ClassName is not null || c.IsClassMean).ToList();
        var metrics = perClass.Select(c => c.Metric).Distinct(StringComparer.Ordinal).ToList();
        var classes = perClass.Where(c => !c.IsClassMean).Select(c => c.ClassName!).Distinct(StringComparer.Ordinal).ToList();
        var withMean = perClass.Any(c => c.IsClassMean);
        html.Append("<section class=\"panel\">\n<h2>Metrics</h2>\n");
        if (perClass.Count > 0)
        {
            html.Append("<table id=\"case-metrics\" class=\"data compact\"><thead><tr><th scope=\"col\"></th>");
            foreach (var className in classes)
            {
                var classIndex = Enumerable.Range(1, report.Labels.Count - 1).FirstOrDefault(i => report.Labels.NameOf(i) == className);
                html.Append("<th scope=\"col\" class=\"num\">");
                if (classIndex > 0)
                {
                    html.Append("<span class=\"swatch\" style=\"background:").Append(LabelPalette.HexOf(classIndex)).Append("\"></span> ");
                }

                html.Append(HtmlText.Escape(className)).Append("</th>");
            }

            html.Append(withMean ? "<th scope=\"col\" class=\"num mean\">mean</th>" : string.Empty).Append("</tr></thead><tbody>");
            foreach (var metric in metrics)
            {
                html.Append("<tr><th scope=\"row\">").Append(HtmlText.Escape(metric)).Append("</th>");
                foreach (var column in classes.Select(c => new ReportColumn(metric, c, IsClassMean: false)).Concat(withMean ? [new ReportColumn(metric, null, IsClassMean: true)] : []))
                {
                    var value = ReportTable.Value(reportCase.Metrics, column);
                    html.Append("<td class=\"num").Append(column.IsClassMean ? " mean" : string.Empty).Append("\" data-value=\"").Append(HtmlText.SortValue(value))
                        .Append("\" data-metric=\"").Append(HtmlText.Escape(column.FullName)).Append("\">").Append(HtmlText.Number(value)).Append("</td>");
                }

                html.Append("</tr>");
            }

            html.Append("</tbody></table>\n");
        }

        var rest = columns.Where(c => c.ClassName is null && !c.IsClassMean).ToList();
        if (rest.Count > 0)
        {
            html.Append("<dl class=\"numbers\">");
            foreach (var column in rest)
            {
                var value = ReportTable.Value(reportCase.Metrics, column);
                html.Append("<dt>").Append(HtmlText.Escape(column.FullName)).Append("</dt><dd data-value=\"").Append(HtmlText.SortValue(value)).Append("\">")
                    .Append(HtmlText.Number(value)).Append("</dd>");
            }

            html.Append("</dl>\n");
        }

        html.Append("</section>\n");
    }

    private static void AppendScan(StringBuilder html, ReportContents report, CaseSummary reportCase)
    {
        var geometry = reportCase.Geometry;
        html.Append("<section class=\"panel\">\n<h2>Scan</h2>\n<dl class=\"numbers\">")
            .Append("<dt>grid</dt><dd>").Append(HtmlText.Escape(geometry.Shape.ToString())).Append("</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>spacing (mm)</dt><dd>{geometry.Spacing.X:0.###} × {geometry.Spacing.Y:0.###} × {geometry.Spacing.Z:0.###}</dd>")
            .Append("<dt>orientation</dt><dd>").Append(HtmlText.Escape(geometry.OrientationCode)).Append("</dd>")
            .Append(CultureInfo.InvariantCulture, $"<dt>channel shown</dt><dd>{report.ScanChannel} of {reportCase.Channels}</dd>")
            .Append("</dl>\n</section>\n");
    }
}
