// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.CommandLine;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.Volumes;

namespace OssNet.Cli;

/// <summary>The <c>--html DIR</c> option of <c>evaluate</c> and <c>segment</c>: collects cases into an HTML report with a
/// 3D viewer per case, and links the training curves written beside the weights when there are any.</summary>
internal sealed class HtmlReportSession : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _title;
    private readonly string? _description;
    private readonly string? _weights;
    private HtmlReportWriter? _writer;

    private HtmlReportSession(string folder, string title, string? description, string? weights)
    {
        _folder = folder;
        _title = title;
        _description = description;
        _weights = weights;
    }

    /// <summary>Creates the --html option.</summary>
    public static Option<string?> CreateOption() =>
        new("--html") { Description = "Also write an HTML report into this folder: a sortable case table and a 3D viewer per case (opens offline, from disk)" };

    /// <summary>Starts a report when --html was given, otherwise returns null.</summary>
    public static HtmlReportSession? Start(string? folder, string title, string? description, string? weights) =>
        folder is null ? null : new HtmlReportSession(folder, title, description, weights);

    /// <summary>Adds a case; the first case fixes the report's classes.</summary>
    public async Task AddAsync(HtmlReportCase reportCase, LabelSet labels, CancellationToken cancellationToken)
    {
        _writer ??= CreateWriter(labels);
        await _writer.AddCaseAsync(reportCase, cancellationToken);
    }

    /// <summary>Writes the pages and prints where the report is.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            return;
        }

        var index = await _writer.CompleteAsync(cancellationToken);
        Console.WriteLine($"Wrote HTML report {index}");
    }

    public ValueTask DisposeAsync() => _writer?.DisposeAsync() ?? ValueTask.CompletedTask;

    private HtmlReportWriter CreateWriter(LabelSet labels)
    {
        var writer = new HtmlReportWriter(_folder, labels) { Title = _title, Description = _description };
        // Training writes curves.png and curves.csv beside the model file; a report of that model links them.
        var modelFolder = _weights is null ? null : Path.GetDirectoryName(Path.GetFullPath(_weights));
        foreach (var (name, title) in new[] { ("curves.png", "Training curves"), ("curves.csv", "Training curves (CSV)") })
        {
            if (modelFolder is not null && File.Exists(Path.Combine(modelFolder, name)))
            {
                writer.Links.Add(new ReportLink(title, Path.Combine(modelFolder, name)));
            }
        }

        return writer;
    }
}
