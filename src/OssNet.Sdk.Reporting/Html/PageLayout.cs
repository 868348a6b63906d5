// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.Reporting.Viewer;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>The parts every report page shares: head, header bar and footer.</summary>
internal static class PageLayout
{
    public static void AppendHead(StringBuilder html, string title, string assetPrefix) =>
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"OssNet.Sdk.Reporting\">\n")
            .Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(assetPrefix).Append("report.css\">\n</head>\n");

    /// <param name="html">The page.</param>
    /// <param name="title">The heading.</param>
    /// <param name="description">A line under the heading, or null.</param>
    /// <param name="breadcrumb">Raw HTML above the heading (already escaped), or null.</param>
    public static void AppendHeader(StringBuilder html, string title, string? description, string? breadcrumb)
    {
        html.Append("<header class=\"top\">\n<div class=\"top-inner\">\n");
        if (breadcrumb is not null)
        {
            html.Append("<nav class=\"crumbs\">").Append(breadcrumb).Append("</nav>\n");
        }

        html.Append("<h1>").Append(HtmlText.Escape(title)).Append("</h1>\n");
        if (!string.IsNullOrWhiteSpace(description))
        {
            html.Append("<p class=\"subtitle\">").Append(HtmlText.Escape(description)).Append("</p>\n");
        }

        html.Append("</div>\n</header>\n");
    }

    public static void AppendFooter(StringBuilder html) =>
        html.Append("<footer>Written by OssNet.Sdk.Reporting · 3D viewer: <a href=\"https://github.com/niivue/niivue\">NiiVue</a> ")
            .Append(NiiVueBundle.Version).Append(" (BSD 2-Clause) · works offline, opened from disk</footer>\n");
}
