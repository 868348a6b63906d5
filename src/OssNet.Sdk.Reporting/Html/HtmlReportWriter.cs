// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Text;
using OssNet.Sdk.IO;
using OssNet.Sdk.Reporting.Viewer;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Html;

/// <summary>Writes an HTML report one case at a time: each case's volumes are encoded when it is added and not kept,
/// so a report of hundreds of cases needs the memory of one. <see cref="HtmlReport.WriteAsync"/> is the one-call form.</summary>
/// <remarks>
/// <para>Files go to temporary names and are renamed into place by <see cref="CompleteAsync"/>; disposing the writer
/// without completing it deletes them and leaves the folder as it was. See <see cref="HtmlReport"/> for the folder layout.</para>
/// <example><code>
/// await using var writer = new HtmlReportWriter("report", labels) { Title = "Evaluation" };
/// foreach (var c in cases) { await writer.AddCaseAsync(c, cancellationToken); }
/// var index = await writer.CompleteAsync(cancellationToken);
/// </code></example>
/// </remarks>
public sealed class HtmlReportWriter : IAsyncDisposable
{
    private static readonly string[] s_pageAssets = ["report.css", "report.js", "case.js"];
    private readonly string _root;
    private readonly AtomicFileSet _files = new();
    private readonly List<CaseSummary> _cases = [];
    private bool _completed;

    /// <summary>Initializes a writer into <paramref name="folder"/> (created when missing).</summary>
    /// <param name="folder">The report folder.</param>
    /// <param name="labels">The classes whose label values the masks hold (legend names, overlay colours).</param>
    /// <param name="scanChannel">The channel of multi-channel scans the viewer shows.</param>
    public HtmlReportWriter(string folder, LabelSet labels, int scanChannel = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegative(scanChannel);
        _root = Path.GetFullPath(folder);
        Labels = labels;
        ScanChannel = scanChannel;
    }

    /// <summary>Gets the classes of the masks.</summary>
    public LabelSet Labels { get; }

    /// <summary>Gets the channel of multi-channel scans the viewer shows.</summary>
    public int ScanChannel { get; }

    /// <summary>Gets or sets the report's title.</summary>
    /// <value>The default value is "Segmentation report".</value>
    public string Title { get; set; } = "Segmentation report";

    /// <summary>Gets or sets a line under the title (model, weights, data), or null.</summary>
    public string? Description { get; set; }

    /// <summary>Gets the links of the index page (see <see cref="HtmlReportModel.Links"/>); add them before <see cref="CompleteAsync"/>.</summary>
    public IList<ReportLink> Links { get; } = [];

    /// <summary>Gets the number of cases added so far.</summary>
    public int CaseCount => _cases.Count;

    /// <summary>Validates a case and writes its volumes (scan channel, prediction, reference outline) as the page's data file.</summary>
    /// <exception cref="ArgumentException">The case has no id, a mask's shape differs from the scan's, a mask holds a value
    /// that is not in <see cref="Labels"/>, or the scan has no channel <see cref="ScanChannel"/>.</exception>
    public async Task AddCaseAsync(HtmlReportCase reportCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        ObjectDisposedException.ThrowIf(_completed, this);
        Validate(reportCase);
        var casesFolder = Path.Combine(_root, "cases");
        Directory.CreateDirectory(casesFolder);
        var stem = HtmlText.FileStem(_cases.Count, reportCase.Id);
        var scan = await ViewerVolumes.EncodeScanAsync(reportCase.Scan, ScanChannel, cancellationToken).ConfigureAwait(false);
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
        await WriteTextAsync(Path.Combine(casesFolder, stem + ".data.js"), script.ToString(), cancellationToken).ConfigureAwait(false);
        // Start where the segmentation is: the prediction, or the reference when nothing was predicted.
        var focus = ViewerVolumes.Focus(reportCase.Prediction) ?? (reportCase.Reference is null ? null : ViewerVolumes.Focus(reportCase.Reference));
        _cases.Add(new CaseSummary(reportCase.Id, stem, [.. reportCase.Metrics], reportCase.Scan.Geometry, reportCase.Scan.Channels, reportCase.Reference is not null, focus));
    }

    /// <summary>Writes the assets, the case pages and <c>index.html</c>, and renames every file into place.</summary>
    /// <returns>The full path of <c>index.html</c>.</returns>
    /// <exception cref="InvalidOperationException">No case was added.</exception>
    /// <exception cref="FileNotFoundException">A link names a local file that does not exist.</exception>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (_cases.Count == 0)
        {
            throw new InvalidOperationException("The report has no cases: add at least one before completing it.");
        }

        var assets = Path.Combine(_root, "assets");
        Directory.CreateDirectory(assets);
        await CopyAsync(NiiVueBundle.Open(), Path.Combine(assets, NiiVueBundle.FileName), cancellationToken).ConfigureAwait(false);
        await CopyAsync(NiiVueBundle.OpenLicense(), Path.Combine(assets, "LICENSE-niivue.txt"), cancellationToken).ConfigureAwait(false);
        foreach (var asset in s_pageAssets)
        {
            await CopyAsync(ReportResources.Open(asset), Path.Combine(assets, asset), cancellationToken).ConfigureAwait(false);
        }

        var links = await CopyLinksAsync(cancellationToken).ConfigureAwait(false);
        var contents = new ReportContents(Title, Description, Labels, ScanChannel, _cases);
        for (var i = 0; i < _cases.Count; i++)
        {
            await WriteTextAsync(Path.Combine(_root, "cases", _cases[i].Stem + ".html"), CasePage.Render(contents, i), cancellationToken).ConfigureAwait(false);
        }

        var index = Path.Combine(_root, HtmlReport.IndexFileName);
        await WriteTextAsync(index, IndexPage.Render(contents, links), cancellationToken).ConfigureAwait(false);
        await _files.CommitAsync(cancellationToken).ConfigureAwait(false);
        _completed = true;
        return index;
    }

    /// <summary>Deletes the temporary files of a report that was not completed.</summary>
    public ValueTask DisposeAsync() => _files.DisposeAsync();

    private void Validate(HtmlReportCase reportCase)
    {
        if (string.IsNullOrWhiteSpace(reportCase.Id))
        {
            throw new ArgumentException("A case of the report has no id.", nameof(reportCase));
        }

        ArgumentNullException.ThrowIfNull(reportCase.Scan, nameof(reportCase));
        ArgumentNullException.ThrowIfNull(reportCase.Prediction, nameof(reportCase));
        if (ScanChannel >= reportCase.Scan.Channels)
        {
            throw new ArgumentException($"Case '{reportCase.Id}': the scan has {reportCase.Scan.Channels} channel(s); channel {ScanChannel} cannot be shown.", nameof(reportCase));
        }

        ValidateMask(reportCase, reportCase.Prediction, "predicted");
        if (reportCase.Reference is { } reference)
        {
            ValidateMask(reportCase, reference, "reference");
        }
    }

    private void ValidateMask(HtmlReportCase reportCase, LabelVolume mask, string role)
    {
        if (mask.Shape != reportCase.Scan.Shape)
        {
            throw new ArgumentException($"Case '{reportCase.Id}': the {role} mask is {mask.Shape} but the scan is {reportCase.Scan.Shape}.", nameof(reportCase));
        }

        Span<bool> seen = stackalloc bool[256];
        foreach (var value in mask.Labels.Span)
        {
            seen[value] = true;
        }

        for (var value = 1; value < seen.Length; value++)
        {
            if (seen[value] && Labels.ClassOf((byte)value) < 0)
            {
                throw new ArgumentException(
                    $"Case '{reportCase.Id}': the {role} mask holds label value {value}, which is not one of the report's classes ({Labels.Describe()}).", nameof(reportCase));
            }
        }
    }

    private async Task<IReadOnlyList<ReportLink>> CopyLinksAsync(CancellationToken cancellationToken)
    {
        var result = new List<ReportLink>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in Links)
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

            Directory.CreateDirectory(Path.Combine(_root, "links"));
            await CopyAsync(File.OpenRead(source), Path.Combine(_root, "links", name), cancellationToken).ConfigureAwait(false);
            result.Add(link with { Target = "links/" + Uri.EscapeDataString(name) });
        }

        return result;
    }

    private async Task WriteTextAsync(string path, string text, CancellationToken cancellationToken) =>
        await _files.Create(path).WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);

    private async Task CopyAsync(Stream source, string path, CancellationToken cancellationToken)
    {
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(_files.Create(path), cancellationToken).ConfigureAwait(false);
        }
    }
}
