// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.IO;
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
/// earlier report in the same folder that this one does not write are left alone.</para>
/// </remarks>
public static class HtmlReport
{
    /// <summary>The name of the report's entry page.</summary>
    public const string IndexFileName = "index.html";

    private static readonly string[] s_pageAssets = ["report.css", "report.js", "case.js"];

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
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(report);
        Validate(report);
        var root = Path.GetFullPath(folder);
        foreach (var sub in new[] { "assets", "cases", "links" })
        {
            Directory.CreateDirectory(Path.Combine(root, sub));
        }

        await using var files = new AtomicFileSet();
        await CopyAsync(files, NiiVueBundle.Open(), Path.Combine(root, "assets", NiiVueBundle.FileName), cancellationToken).ConfigureAwait(false);
        await CopyAsync(files, NiiVueBundle.OpenLicense(), Path.Combine(root, "assets", "LICENSE-niivue.txt"), cancellationToken).ConfigureAwait(false);
        foreach (var asset in s_pageAssets)
        {
            await CopyAsync(files, ReportResources.Open(asset), Path.Combine(root, "assets", asset), cancellationToken).ConfigureAwait(false);
        }

        var links = await CopyLinksAsync(files, root, report.Links, cancellationToken).ConfigureAwait(false);
        var stems = report.Cases.Select((c, i) => HtmlText.FileStem(i, c.Id)).ToList();
        for (var i = 0; i < report.Cases.Count; i++)
        {
            var casesFolder = Path.Combine(root, "cases");
            await WriteCaseDataAsync(files, Path.Combine(casesFolder, stems[i] + ".data.js"), report, report.Cases[i], cancellationToken).ConfigureAwait(false);
            await WriteTextAsync(files, Path.Combine(casesFolder, stems[i] + ".html"), CasePage.Render(report, i, stems), cancellationToken).ConfigureAwait(false);
        }

        var index = Path.Combine(root, IndexFileName);
        await WriteTextAsync(files, index, IndexPage.Render(report, [.. stems.Select(s => $"cases/{s}.html")], links), cancellationToken).ConfigureAwait(false);
        await files.CommitAsync(cancellationToken).ConfigureAwait(false);
        return index;
    }

    private static void Validate(HtmlReportModel report)
    {
        ArgumentNullException.ThrowIfNull(report.Labels, nameof(report));
        ArgumentNullException.ThrowIfNull(report.Cases, nameof(report));
        if (report.Cases.Count == 0)
        {
            throw new ArgumentException("The report has no cases.", nameof(report));
        }

        foreach (var reportCase in report.Cases)
        {
            if (string.IsNullOrWhiteSpace(reportCase.Id))
            {
                throw new ArgumentException("A case of the report has no id.", nameof(report));
            }

            if (report.ScanChannel < 0 || report.ScanChannel >= reportCase.Scan.Channels)
            {
                throw new ArgumentException($"Case '{reportCase.Id}': the scan has {reportCase.Scan.Channels} channel(s); channel {report.ScanChannel} cannot be shown.", nameof(report));
            }

            ValidateMask(report, reportCase, reportCase.Prediction, "predicted");
            if (reportCase.Reference is { } reference)
            {
                ValidateMask(report, reportCase, reference, "reference");
            }
        }
    }

    private static void ValidateMask(HtmlReportModel report, HtmlReportCase reportCase, Volumes.LabelVolume mask, string role)
    {
        if (mask.Shape != reportCase.Scan.Shape)
        {
            throw new ArgumentException($"Case '{reportCase.Id}': the {role} mask is {mask.Shape} but the scan is {reportCase.Scan.Shape}.", nameof(report));
        }

        Span<bool> seen = stackalloc bool[256];
        foreach (var value in mask.Labels.Span)
        {
            seen[value] = true;
        }

        for (var value = 1; value < seen.Length; value++)
        {
            if (seen[value] && report.Labels.ClassOf((byte)value) < 0)
            {
                throw new ArgumentException(
                    $"Case '{reportCase.Id}': the {role} mask holds label value {value}, which is not one of the report's classes ({report.Labels.Describe()}).", nameof(report));
            }
        }
    }

    private static async Task<IReadOnlyList<ReportLink>> CopyLinksAsync(AtomicFileSet files, string root, IReadOnlyList<ReportLink> links, CancellationToken cancellationToken)
    {
        var result = new List<ReportLink>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in links)
        {
            if (Uri.TryCreate(link.Target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            {
                result.Add(link);
                continue;
            }

            var source = Path.GetFullPath(link.Target);
            if (!File.Exists(source))
            {
                throw new FileNotFoundException($"The report links to {source}, which does not exist.", source);
            }

            var name = Path.GetFileName(source);
            for (var n = 2; !names.Add(name); n++)
            {
                name = $"{Path.GetFileNameWithoutExtension(source)}-{n}{Path.GetExtension(source)}";
            }

            await CopyAsync(files, File.OpenRead(source), Path.Combine(root, "links", name), cancellationToken).ConfigureAwait(false);
            result.Add(link with { Target = "links/" + Uri.EscapeDataString(name) });
        }

        return result;
    }

    private static async Task WriteCaseDataAsync(AtomicFileSet files, string path, HtmlReportModel report, HtmlReportCase reportCase, CancellationToken cancellationToken)
    {
        var scan = await ViewerVolumes.EncodeScanAsync(reportCase.Scan, report.ScanChannel, cancellationToken).ConfigureAwait(false);
        var prediction = await ViewerVolumes.EncodeLabelsAsync(reportCase.Prediction, cancellationToken).ConfigureAwait(false);
        var reference = reportCase.Reference is null
            ? null
            : await ViewerVolumes.EncodeLabelsAsync(ViewerVolumes.Outline(reportCase.Reference), cancellationToken).ConfigureAwait(false);
        var script = new StringBuilder("// Volumes of one case (gzip-compressed NIfTI-1, base64) for the report's viewer.\nwindow.OSSNET_VOLUMES = {\n")
            .Append("\"scan\": \"").Append(Convert.ToBase64String(scan)).Append("\",\n")
            .Append("\"prediction\": \"").Append(Convert.ToBase64String(prediction)).Append('"');
        if (reference is not null)
        {
            script.Append(",\n\"referenceOutline\": \"").Append(Convert.ToBase64String(reference)).Append('"');
        }

        script.Append("\n};\n");
        await WriteTextAsync(files, path, script.ToString(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteTextAsync(AtomicFileSet files, string path, string text, CancellationToken cancellationToken)
    {
        var stream = files.Create(path);
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync(AtomicFileSet files, Stream source, string path, CancellationToken cancellationToken)
    {
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(files.Create(path), cancellationToken).ConfigureAwait(false);
        }
    }
}
