// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Reporting.Viewer;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Writes a self-contained HTML report folder: <c>index.html</c> (the sortable case table) and a page per case
/// with a NiiVue 3D viewer of the scan, the predicted mask (filled) and the reference (outline).</summary>
/// <remarks>
/// <para>The folder works offline, opened straight from disk: NiiVue is copied into <c>assets/</c> (pinned, see
/// <see cref="NiiVueBundle"/>), and each case's volumes sit beside its page in <c>cases/&lt;case&gt;.data.js</c>, a
/// script that assigns the gzip-compressed NIfTI bytes as base64 (browsers run scripts from <c>file://</c> but refuse
/// <c>fetch</c>). Layout:</para>
/// <code>
/// index.html
/// assets/  niivue.umd.js, LICENSE-niivue.txt, report.css, report.js, case.js
/// cases/   001-&lt;case&gt;.html, 001-&lt;case&gt;.data.js, …
/// links/   copies of linked local files (training curves, …)
/// </code>
/// <para>Every file is written to a temporary name first and renamed into place once all are complete. Files of an
/// earlier report in the same folder that this one does not write are left alone. For many cases, add them one at a
/// time with <see cref="HtmlReportWriter"/>, which does not keep their volumes.</para>
/// </remarks>
public static class HtmlReport
{
    /// <summary>The name of the report's entry page.</summary>
    public const string IndexFileName = "index.html";

    /// <summary>Writes the report into <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">The report folder.</param>
    /// <param name="report">What to show.</param>
    /// <param name="cancellationToken">Cancels the write; no file of the report is then replaced.</param>
    /// <returns>The full path of <c>index.html</c>.</returns>
    /// <exception cref="ArgumentException">The report has no cases, a case has no id, a mask's shape differs from its
    /// scan's, a mask holds a value that is not in <see cref="HtmlReportModel.Labels"/>, or the scan channel does not exist.</exception>
    /// <exception cref="FileNotFoundException">A link names a local file that does not exist.</exception>
    public static async Task<string> WriteAsync(string folder, HtmlReportModel report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(report.Cases, nameof(report));
        if (report.Cases.Count == 0)
        {
            throw new ArgumentException("The report has no cases.", nameof(report));
        }

        var writer = new HtmlReportWriter(folder, report.Labels, report.ScanChannel) { Title = report.Title, Description = report.Description };
        await using (writer.ConfigureAwait(false))
        {
            foreach (var link in report.Links)
            {
                writer.Links.Add(link);
            }

            foreach (var reportCase in report.Cases)
            {
                await writer.AddCaseAsync(reportCase, cancellationToken).ConfigureAwait(false);
            }

            return await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
