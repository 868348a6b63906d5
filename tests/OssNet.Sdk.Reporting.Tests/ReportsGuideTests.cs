// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Reporting.Curves;
using OssNet.Sdk.Reporting.Html;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Reporting.Tests;

/// <summary>The examples of docs/guides/reports.md, compiled and run (keep them in step with the guide).</summary>
public sealed class ReportsGuideTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-guide-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task GuideExamples_WriteAReportThatLinksTheCurves()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var phantom = ReportPhantom.Create(caseCount: 1).Cases[0];
        var (scan, predicted, reference) = (phantom.Scan, phantom.Prediction, phantom.Reference!);
        var oedemaMetrics = SegmentationMetrics.Compute(Only(predicted, 1), Only(reference, 1));
        var coreMetrics = SegmentationMetrics.Compute(Only(predicted, 2), Only(reference, 2));
        // The guide's relative paths, rooted in this test's folder (the working directory is shared by parallel tests).
        string At(string path) => Path.Combine(_folder, path);

        // --- docs/guides/reports.md: Training curves
        var epochs = new List<TrainingEpoch>
        {
            new(1, Loss: 0.61) { ValidationLoss = 0.66, LearningRate = 3e-4, ValidationDice = new Dictionary<string, double> { ["oedema"] = 0.41, ["necrotic core"] = 0.22 } },
            new(2, Loss: 0.48) { ValidationLoss = 0.55, LearningRate = 3e-4, ValidationDice = new Dictionary<string, double> { ["oedema"] = 0.58, ["necrotic core"] = 0.37 } },
        };
        TrainingCurvesFiles files = await TrainingCurves.WriteAsync(At("runs/fold0"), epochs, cancellationToken);

        // --- docs/guides/reports.md: From code
        var labels = new LabelSet([new(0, "background"), new(1, "oedema"), new(2, "necrotic core")]);
        var report = new HtmlReportModel
        {
            Title = "Validation, fold 0",
            Description = "OSS-Net C, epoch 50",
            Labels = labels,
            Cases =
            [
                new HtmlReportCase
                {
                    Id = "BraTS20_001",
                    Scan = scan,
                    Prediction = predicted,
                    Reference = reference,
                    Metrics =
                    [
                        .. ReportMetrics.FromCaseMetrics(oedemaMetrics, "oedema"),
                        .. ReportMetrics.FromCaseMetrics(coreMetrics, "necrotic core"),
                        new ReportMetric("seconds", 12.5),
                    ],
                },
            ],
            Links = [new ReportLink("Training curves", At("runs/fold0/curves.png"))],
        };
        string index = await HtmlReport.WriteAsync(At("report"), report, cancellationToken);

        var html = await File.ReadAllTextAsync(index, cancellationToken);
        Assert.Contains("<img src=\"links/curves.png\"", html, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(files.PngPath, cancellationToken), await File.ReadAllBytesAsync(Path.Combine(_folder, "report", "links", "curves.png"), cancellationToken));
        Assert.Contains($"data-value=\"{oedemaMetrics.Dice.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}\"", html, StringComparison.Ordinal);

        // --- docs/guides/reports.md: HtmlReportWriter
        var cases = report.Cases;
        await using (var writer = new HtmlReportWriter(At("report2"), labels) { Title = "Evaluation" })
        {
            foreach (var reportCase in cases)
            {
                await writer.AddCaseAsync(reportCase, cancellationToken);
            }

            writer.Links.Add(new ReportLink("Training curves", At("runs/fold0/curves.png")));
            string index2 = await writer.CompleteAsync(cancellationToken);
            Assert.True(File.Exists(index2));
        }
    }

    [Fact]
    public async Task HtmlReportWriter_DisposedWithoutCompleting_LeavesNoFiles()
    {
        var phantom = ReportPhantom.Create(caseCount: 1);
        await using (var writer = new HtmlReportWriter(Path.Combine(_folder, "r"), phantom.Labels))
        {
            await writer.AddCaseAsync(phantom.Cases[0], TestContext.Current.CancellationToken);
            Assert.Equal(1, writer.CaseCount);
        }

        Assert.Empty(Directory.GetFiles(_folder, "*", SearchOption.AllDirectories));
    }

    private static LabelVolume Only(LabelVolume labels, byte value)
    {
        var mask = labels.Labels.ToArray().Select(v => v == value ? (byte)1 : (byte)0).ToArray();
        return new LabelVolume(labels.Geometry, mask);
    }
}
