// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using OssNet.Sdk.IO;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.Reporting.Viewer;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ossnet-report-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task WriteAsync_Phantom_WritesIndexCasePagesAndAssets()
    {
        var index = await HtmlReport.WriteAsync(_folder, ReportPhantom.Create(), TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(_folder, "index.html"), index);
        foreach (var asset in new[] { NiiVueBundle.FileName, "LICENSE-niivue.txt", "report.css", "report.js", "case.js" })
        {
            Assert.True(new FileInfo(Path.Combine(_folder, "assets", asset)).Length > 0, asset);
        }

        var html = await File.ReadAllTextAsync(index, TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            var stem = $"{i + 1:000}-case_{i:00}";
            Assert.Contains($"href=\"cases/{stem}.html\"", html, StringComparison.Ordinal);
            var page = await File.ReadAllTextAsync(Path.Combine(_folder, "cases", stem + ".html"), TestContext.Current.CancellationToken);
            Assert.Contains($"<script src=\"{stem}.data.js\"></script>", page, StringComparison.Ordinal);
            Assert.Contains("<script src=\"../assets/niivue.umd.js\"></script>", page, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(_folder, "cases", stem + ".data.js")));
            // The viewer starts at the predicted lesion's centre (shifted by 2 + i voxels in x).
            Assert.Contains($"\"focus\":[{26 + i},22,20]", page, StringComparison.Ordinal);
        }

        // No leftovers of the atomic write, and nothing that needs a network.
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp", SearchOption.AllDirectories));
        Assert.DoesNotContain("http://", html.Replace("https://github.com/niivue/niivue", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_CaseData_HoldsTheVolumesAsNifti()
    {
        var report = ReportPhantom.Create(caseCount: 1);
        var reportCase = report.Cases[0];
        await HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken);
        var script = await File.ReadAllTextAsync(Path.Combine(_folder, "cases", "001-case_00.data.js"), TestContext.Current.CancellationToken);
        Assert.StartsWith("// ", script, StringComparison.Ordinal);

        var prediction = await ReadLabelsAsync(script, "prediction");
        Assert.Equal(reportCase.Prediction.Labels.ToArray(), prediction.Labels.ToArray());
        Assert.True(prediction.Geometry.IsCompatibleWith(reportCase.Scan.Geometry));

        // The reference travels as its outline: the border voxels of each class, with the class's value.
        var outline = await ReadLabelsAsync(script, "referenceOutline");
        var reference = reportCase.Reference!;
        Assert.Equal(reference[24, 22, 20 + 9], outline[24, 22, 20 + 9]);   // the outer border of class 1
        Assert.Equal(1, outline[24, 22, 20 + 9]);
        Assert.Equal(2, outline[24, 22, 20 + 4]);                          // the border of the core (class 2)
        Assert.Equal(0, outline[24, 22, 20 + 6]);                          // inside class 1, away from any border
        Assert.Equal(0, outline[24, 22, 20]);                              // the core's centre
        var outlined = outline.CountForeground();
        Assert.InRange(outlined, 1, reference.CountForeground() / 2);

        var path = Path.Combine(_folder, "scan.nii.gz");
        await File.WriteAllBytesAsync(path, Decode(script, "scan"), TestContext.Current.CancellationToken);
        var scan = await VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var original = reportCase.Scan.Voxels.Span;
        var step = (original.ToArray().Max() - original.ToArray().Min()) / 65534.0;
        var restored = scan.Voxels.Span;
        for (var i = 0; i < original.Length; i++)
        {
            Assert.True(Math.Abs(original[i] - restored[i]) <= step, $"voxel {i}: {restored[i]} for {original[i]} (step {step})");
        }
    }

    [Fact]
    public async Task WriteAsync_IntegerScan_IsStoredExactly()
    {
        var report = ReportPhantom.Create(caseCount: 1);
        var scan = report.Cases[0].Scan;
        var integers = new Volume(scan.Geometry, 1, scan.Voxels.ToArray().Select(v => MathF.Round(v) - 100).ToArray());
        report = new HtmlReportModel { Labels = report.Labels, Cases = [new HtmlReportCase { Id = "ct", Scan = integers, Prediction = report.Cases[0].Prediction }] };
        await HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken);

        var script = await File.ReadAllTextAsync(Path.Combine(_folder, "cases", "001-ct.data.js"), TestContext.Current.CancellationToken);
        var path = Path.Combine(_folder, "scan.nii.gz");
        await File.WriteAllBytesAsync(path, Decode(script, "scan"), TestContext.Current.CancellationToken);
        var restored = await VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(integers.Voxels.ToArray(), restored.Voxels.ToArray());
        Assert.DoesNotContain("referenceOutline", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_IndexTable_CarriesEveryValueAndTheClassMeans()
    {
        var report = ReportPhantom.Create();
        await HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken);
        var html = await File.ReadAllTextAsync(Path.Combine(_folder, "index.html"), TestContext.Current.CancellationToken);

        var cells = CellPattern().Matches(html).Select(m => (Metric: WebUtility.HtmlDecode(m.Groups["metric"].Value), Value: m.Groups["value"].Value, Text: m.Groups["text"].Value)).ToList();
        // 3 cases + the mean row, 7 columns each.
        Assert.Equal(4 * 7, cells.Count);
        var case1 = cells.Skip(7).Take(7).ToDictionary(c => c.Metric);
        Assert.Equal(0.79, double.Parse(case1["Dice · oedema"].Value, CultureInfo.InvariantCulture), 12);
        Assert.Equal("0.790", case1["Dice · oedema"].Text);
        Assert.Equal((0.79 + 0.75) / 2, double.Parse(case1["Dice · mean"].Value, CultureInfo.InvariantCulture), 12);
        // A missing value: empty sort value, en dash, and the mean of the classes that have one.
        Assert.Equal(string.Empty, case1["HD95 (mm) · necrotic core"].Value);
        Assert.Equal("–", case1["HD95 (mm) · necrotic core"].Text);
        Assert.Equal(3.5, double.Parse(case1["HD95 (mm) · mean"].Value, CultureInfo.InvariantCulture), 12);
        Assert.Equal("0.5", case1["seconds"].Value);

        var footer = cells.Skip(21).ToDictionary(c => c.Metric);
        Assert.Equal((0.9 + 0.79 + 0.68) / 3, double.Parse(footer["Dice · oedema"].Value, CultureInfo.InvariantCulture), 12);
        // The header groups the classes under their metric, with a sortable cell per column.
        Assert.Contains("<th colspan=\"3\" class=\"group\" scope=\"colgroup\">Dice</th>", html, StringComparison.Ordinal);
        Assert.Equal(8, SortableHeaderPattern().Count(html));
    }

    [Fact]
    public async Task WriteAsync_HostileCaseId_IsEscapedAndGivesASafeFileName()
    {
        const string Id = "<img src=x onerror=alert(1)>/../../evil\"'&";
        var report = ReportPhantom.Create(caseCount: 1, firstId: Id);
        await HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken);

        var index = await File.ReadAllTextAsync(Path.Combine(_folder, "index.html"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<img src=x", index, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;/../../evil&quot;&#39;&amp;", index, StringComparison.Ordinal);
        var page = Assert.Single(Directory.GetFiles(Path.Combine(_folder, "cases"), "*.html"));
        Assert.Equal("001-img-src-x-onerror-alert-1-evil.html", Path.GetFileName(page));
        var text = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("<img src=x", text, StringComparison.Ordinal);
        // The inline JSON escapes markup so that the id cannot close the <script> element.
        Assert.Contains("\"id\":\"\\u003Cimg src=x onerror=alert(1)\\u003E/../../evil\\u0022\\u0027\\u0026\"", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder, "evil*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task WriteAsync_LocalLink_IsCopiedAndShownInline()
    {
        Directory.CreateDirectory(_folder);
        var curves = Path.Combine(_folder, "curves.png");
        await File.WriteAllBytesAsync(curves, [1, 2, 3], TestContext.Current.CancellationToken);
        var report = ReportPhantom.Create(caseCount: 1);
        report = new HtmlReportModel
        {
            Labels = report.Labels,
            Cases = report.Cases,
            Links = [new("Training curves", curves), new("Scaling benchmark", "https://example.org/scaling.html")],
        };
        var output = Path.Combine(_folder, "report");
        await HtmlReport.WriteAsync(output, report, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(output, "links", "curves.png"), TestContext.Current.CancellationToken));
        var html = await File.ReadAllTextAsync(Path.Combine(output, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("<img src=\"links/curves.png\" alt=\"Training curves\">", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"link-card\" href=\"https://example.org/scaling.html\">Scaling benchmark</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MissingLinkedFile_Throws()
    {
        var report = ReportPhantom.Create(caseCount: 1);
        report = new HtmlReportModel { Labels = report.Labels, Cases = report.Cases, Links = [new("curves", Path.Combine(_folder, "nope.png"))] };
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken));
        Assert.Contains("nope.png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_MaskOfAnotherShape_ThrowsNamingTheCase()
    {
        var report = ReportPhantom.Create(caseCount: 1);
        var bad = report.Cases[0];
        report = new HtmlReportModel
        {
            Labels = report.Labels,
            Cases = [new HtmlReportCase { Id = "odd", Scan = bad.Scan, Prediction = LabelVolume.Zeros(VolumeGeometry.Create(new VolumeShape(4, 4, 4))) }],
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken));
        Assert.Contains("Case 'odd'", error.Message, StringComparison.Ordinal);
        Assert.Contains("4×4×4", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "index.html")));
    }

    [Fact]
    public async Task WriteAsync_LabelValueOutsideTheLabelSet_ThrowsNamingTheValue()
    {
        var report = ReportPhantom.Create(caseCount: 1);
        var prediction = new LabelVolume(report.Cases[0].Prediction.Geometry, report.Cases[0].Prediction.Labels.ToArray());
        prediction[0, 0, 0] = 7;
        report = new HtmlReportModel
        {
            Labels = report.Labels,
            Cases = [new HtmlReportCase { Id = "seven", Scan = report.Cases[0].Scan, Prediction = prediction }],
        };
        var error = await Assert.ThrowsAsync<ArgumentException>(() => HtmlReport.WriteAsync(_folder, report, TestContext.Current.CancellationToken));
        Assert.Contains("label value 7", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.123456, "0.123")]
    [InlineData(12.0, "12")]
    [InlineData(1234.56, "1234.6")]
    [InlineData(double.NaN, "–")]
    [InlineData(null, "–")]
    public void Number_FormatsForTheTable(double? value, string expected) => Assert.Equal(expected, HtmlText.Number(value));

    private async Task<LabelVolume> ReadLabelsAsync(string script, string name)
    {
        var path = Path.Combine(_folder, name + ".nii.gz");
        await File.WriteAllBytesAsync(path, Decode(script, name), TestContext.Current.CancellationToken);
        return await VolumeFile.ReadLabelsAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }

    private static byte[] Decode(string script, string name) =>
        Convert.FromBase64String(Regex.Match(script, $"\"{name}\": \"([A-Za-z0-9+/=]+)\"").Groups[1].Value);

    [GeneratedRegex("<td class=\"num[^\"]*\" data-value=\"(?<value>[^\"]*)\" data-metric=\"(?<metric>[^\"]*)\">(?<text>[^<]*)</td>")]
    private static partial Regex CellPattern();

    [GeneratedRegex("<th[^>]* class=\"sort[^\"]*\" data-column=")]
    private static partial Regex SortableHeaderPattern();
}
