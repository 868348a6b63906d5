// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Renders <c>index.html</c>: the sortable case table with per-class metrics and means, the class legend and the links.</summary>
internal static class IndexPage
{
    /// <param name="report">The report.</param>
    /// <param name="links">The links with their targets rewritten to copied files where they were local.</param>
    public static string Render(ReportContents report, IReadOnlyList<ReportLink> links)
    {
        var columns = ReportTable.Columns(report.Labels, report.CaseMetrics);
        var html = new StringBuilder();
        PageLayout.AppendHead(html, report.Title, assetPrefix: "assets/");
        html.Append("<body class=\"index-page\">\n");
        PageLayout.AppendHeader(html, report.Title, report.Description, breadcrumb: null);
        html.Append("<main>\n");
        html.Append("<section class=\"panel\">\n<div class=\"panel-head\"><h2>Cases</h2>");
        html.Append("<span class=\"muted\">").Append(report.Cases.Count).Append(report.Cases.Count == 1 ? " case" : " cases")
            .Append(" · click a column to sort · click a case to open it in the 3D viewer</span></div>\n");
        AppendLegend(html, report);
        html.Append("<div class=\"table-scroll\"><table id=\"cases\" class=\"data sortable\">\n<thead>\n");
        AppendHeader(html, columns, report.Labels);
        html.Append("</thead>\n<tbody>\n");
        for (var i = 0; i < report.Cases.Count; i++)
        {
            var reportCase = report.Cases[i];
            html.Append("<tr data-case=\"").Append(HtmlText.Escape(reportCase.Id)).Append("\">")
                .Append("<th scope=\"row\" data-value=\"").Append(HtmlText.Escape(reportCase.Id)).Append("\"><a href=\"cases/")
                .Append(reportCase.Stem).Append(".html\">").Append(HtmlText.Escape(reportCase.Id)).Append("</a></th>");
            foreach (var column in columns)
            {
                AppendCell(html, ReportTable.Value(reportCase.Metrics, column), column);
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n");
        if (report.Cases.Count > 1 && columns.Count > 0)
        {
            html.Append("<tfoot><tr><th scope=\"row\">mean</th>");
            foreach (var column in columns)
            {
                AppendCell(html, ReportTable.ColumnMean(report.CaseMetrics, column), column);
            }

            html.Append("</tr></tfoot>\n");
        }

        html.Append("</table></div>\n</section>\n");
        AppendLinks(html, links);
        html.Append("</main>\n");
        PageLayout.AppendFooter(html);
        html.Append("<script src=\"assets/report.js\"></script>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendHeader(StringBuilder html, IReadOnlyList<ReportColumn> columns, LabelSet labels)
    {
        // Row 1: "case", then one cell per metric spanning its classes; row 2: the class names. Whole-case numbers
        // span both rows. Sortable cells carry their column index.
        html.Append("<tr><th rowspan=\"2\" class=\"sort\" data-column=\"0\" scope=\"col\">case</th>");
        for (var i = 0; i < columns.Count;)
        {
            var span = 1;
            while (i + span < columns.Count && columns[i + span].Metric == columns[i].Metric && columns[i].SubHeader.Length > 0)
            {
                span++;
            }

            if (columns[i].SubHeader.Length == 0)
            {
                html.Append("<th rowspan=\"2\" class=\"sort num\" data-column=\"").Append(i + 1).Append("\" scope=\"col\">")
                    .Append(HtmlText.Escape(columns[i].Metric)).Append("</th>");
            }
            else
            {
                html.Append("<th colspan=\"").Append(span).Append("\" class=\"group\" scope=\"colgroup\">").Append(HtmlText.Escape(columns[i].Metric)).Append("</th>");
            }

            i += span;
        }

        html.Append("</tr>\n<tr>");
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].SubHeader.Length > 0)
            {
                html.Append("<th class=\"sort num").Append(columns[i].IsClassMean ? " mean" : string.Empty).Append("\" data-column=\"").Append(i + 1)
                    .Append("\" scope=\"col\" title=\"").Append(HtmlText.Escape(columns[i].FullName)).Append("\">");
                var classIndex = Enumerable.Range(1, labels.Count - 1).FirstOrDefault(c => labels.NameOf(c) == columns[i].ClassName);
                if (classIndex > 0)
                {
                    html.Append("<span class=\"swatch\" style=\"background:").Append(LabelPalette.HexOf(classIndex)).Append("\"></span> ");
                }

                html.Append(HtmlText.Escape(columns[i].SubHeader)).Append("</th>");
            }
        }

        html.Append("</tr>\n");
    }

    private static void AppendCell(StringBuilder html, double? value, ReportColumn column) =>
        html.Append("<td class=\"num").Append(column.IsClassMean ? " mean" : string.Empty).Append("\" data-value=\"").Append(HtmlText.SortValue(value))
            .Append("\" data-metric=\"").Append(HtmlText.Escape(column.FullName)).Append("\">").Append(HtmlText.Number(value)).Append("</td>");

    private static void AppendLegend(StringBuilder html, ReportContents report)
    {
        html.Append("<ul class=\"legend inline\">");
        for (var i = 1; i < report.Labels.Count; i++)
        {
            html.Append("<li><span class=\"swatch\" style=\"background:").Append(LabelPalette.HexOf(i)).Append("\"></span>")
                .Append(HtmlText.Escape(report.Labels.NameOf(i))).Append("</li>");
        }

        html.Append("</ul>\n");
    }

    private static void AppendLinks(StringBuilder html, IReadOnlyList<ReportLink> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"panel\">\n<div class=\"panel-head\"><h2>Training and benchmarks</h2></div>\n<div class=\"links\">\n");
        foreach (var link in links)
        {
            var target = HtmlText.Escape(link.Target);
            var title = HtmlText.Escape(link.Title);
            if (IsImage(link.Target))
            {
                html.Append("<figure><a href=\"").Append(target).Append("\"><img src=\"").Append(target).Append("\" alt=\"").Append(title)
                    .Append("\"></a><figcaption>").Append(title).Append("</figcaption></figure>\n");
            }
            else
            {
                html.Append("<a class=\"link-card\" href=\"").Append(target).Append("\">").Append(title).Append("</a>\n");
            }
        }

        html.Append("</div>\n</section>\n");
    }

    private static bool IsImage(string target) =>
        target.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || target.EndsWith(".svg", StringComparison.OrdinalIgnoreCase);
}
