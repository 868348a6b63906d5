// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using Microsoft.Playwright;
using OssNet.Sdk.Reporting.Html;
using SkiaSharp;

namespace OssNet.Sdk.Reporting.Tests;

/// <summary>Opens a generated report from disk in headless Chromium: no console errors, the table shows the report's
/// numbers and sorts them, and the viewer draws the scan with the class colours of the overlay.</summary>
public sealed class HtmlReportBrowserTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ossnet-report-browser-" + Guid.NewGuid().ToString("N"));
    private readonly HtmlReportModel _report = ReportPhantom.Create();
    private readonly List<string> _errors = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Report_OpenedFromDisk_ShowsTheNumbersAndRendersTheOverlay()
    {
        var executable = HeadlessChromium.ExecutablePath;
        Assert.SkipWhen(executable is null, HeadlessChromium.MissingMessage);
        var index = await HtmlReport.WriteAsync(_folder, _report, TestContext.Current.CancellationToken);
        var (playwright, browser) = await HeadlessChromium.LaunchAsync(executable!);
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 820 } });
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _errors.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => _errors.Add($"page error: {error}");

        await page.GotoAsync(new Uri(index).AbsoluteUri);
        await AssertTableShowsTheReportAsync(page);
        await AssertSortingByAColumnOrdersTheRowsAsync(page);
        await KeepScreenshotAsync(page, "index");

        await page.ClickAsync("#cases tbody tr:first-child th a");
        await page.WaitForSelectorAsync("body[data-viewer]", new PageWaitForSelectorOptions { Timeout = 90_000 });
        Assert.Equal("ready", await page.GetAttributeAsync("body", "data-viewer"));
        await AssertCellsShowTheReportAsync(page, "#case-metrics td", _report.Cases[0], expectedCount: 6);
        var shown = await CanvasPixelsAsync(page, "case-page");
        // The scan fills much of the canvas with non-background pixels; both classes' overlay colours are present.
        Assert.True(shown.NonBackground > 20_000, $"the viewer drew only {shown.NonBackground} non-background pixels");
        Assert.True(shown.Class1 > 200, $"the overlay colour of class 1 (red) covers only {shown.Class1} pixels");
        Assert.True(shown.Class2 > 50, $"the overlay colour of class 2 (teal) covers only {shown.Class2} pixels");

        // Hiding prediction and reference removes the class colours: they came from the overlay, not the page chrome.
        await page.UncheckAsync("#show-prediction");
        await page.UncheckAsync("#show-reference");
        var hidden = await CanvasPixelsAsync(page, "case-page-no-overlay");
        Assert.True(hidden.Class1 < shown.Class1 / 20, $"class 1 colour still covers {hidden.Class1} pixels with the overlay hidden (shown: {shown.Class1})");
        Assert.True(hidden.NonBackground > 20_000, "the scan disappeared with the overlay");
        Assert.Empty(_errors);
    }

    private async Task AssertTableShowsTheReportAsync(IPage page)
    {
        var rows = await page.QuerySelectorAllAsync("#cases tbody tr");
        Assert.Equal(_report.Cases.Count, rows.Count);
        foreach (var row in rows)
        {
            var id = await row.GetAttributeAsync("data-case");
            var reportCase = _report.Cases.Single(c => c.Id == id);
            // Dice × (2 classes + mean), HD95 × (2 + mean), seconds
            await AssertCellsShowTheReportAsync(row, "td", reportCase, expectedCount: 7);
        }
    }

    // Each cell's exact value (data-value) and its text equal the report's number for the cell's metric.
    private static async Task AssertCellsShowTheReportAsync(IPage page, string selector, HtmlReportCase reportCase, int expectedCount) =>
        await AssertCellsShowTheReportAsync(await page.QuerySelectorAllAsync(selector), reportCase, expectedCount);

    private static async Task AssertCellsShowTheReportAsync(IElementHandle row, string selector, HtmlReportCase reportCase, int expectedCount) =>
        await AssertCellsShowTheReportAsync(await row.QuerySelectorAllAsync(selector), reportCase, expectedCount);

    private static async Task AssertCellsShowTheReportAsync(IReadOnlyList<IElementHandle> cells, HtmlReportCase reportCase, int expectedCount)
    {
        Assert.Equal(expectedCount, cells.Count);
        foreach (var cell in cells)
        {
            var metric = await cell.GetAttributeAsync("data-metric");
            var expected = Expected(reportCase, metric!);
            var shownValue = await cell.GetAttributeAsync("data-value");
            var text = (await cell.InnerTextAsync()).Trim();
            if (expected is null)
            {
                Assert.Equal(string.Empty, shownValue);
                Assert.Equal("–", text);
            }
            else
            {
                Assert.Equal(expected.Value, double.Parse(shownValue!, CultureInfo.InvariantCulture), 12);
                Assert.Equal(expected.Value, double.Parse(text, CultureInfo.InvariantCulture), 0.0006);
            }
        }
    }

    private async Task AssertSortingByAColumnOrdersTheRowsAsync(IPage page)
    {
        // One click sorts ascending (worst Dice first), a second click descending.
        await page.ClickAsync("#cases thead th[title='Dice · oedema']");
        var ids = await page.EvalOnSelectorAllAsync<string[]>("#cases tbody tr", "rows => rows.map(r => r.dataset.case)");
        var expected = _report.Cases.OrderBy(c => c.Metrics.Single(m => m.Name == "Dice" && m.ClassName == "oedema").Value).Select(c => c.Id);
        Assert.Equal(expected, ids);
        await page.ClickAsync("#cases thead th[title='Dice · oedema']");
        ids = await page.EvalOnSelectorAllAsync<string[]>("#cases tbody tr", "rows => rows.map(r => r.dataset.case)");
        Assert.Equal(expected.Reverse(), ids);
    }

    // The expected value of a table cell, computed from the report's data (not from the writer's code).
    private static double? Expected(HtmlReportCase reportCase, string metric)
    {
        var parts = metric.Split(" · ");
        if (parts.Length == 1)
        {
            return reportCase.Metrics.Single(m => m.Name == parts[0] && m.ClassName is null).Value;
        }

        if (parts[1] == "mean")
        {
            var values = reportCase.Metrics.Where(m => m.Name == parts[0] && m.ClassName is not null && m.Value is not null).Select(m => m.Value!.Value).ToList();
            return values.Count == 0 ? null : values.Average();
        }

        return reportCase.Metrics.Single(m => m.Name == parts[0] && m.ClassName == parts[1]).Value;
    }

    // OSSNET_REPORT_SCREENSHOTS=DIR keeps full-page screenshots for people to look at.
    private static async Task KeepScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("OSSNET_REPORT_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(keep, name + ".png"), FullPage = true });
        }
    }

    private static async Task<(int NonBackground, int Class1, int Class2)> CanvasPixelsAsync(IPage page, string name)
    {
        // Two animation frames let NiiVue finish drawing after the last change.
        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var png = await page.Locator("#viewer").ScreenshotAsync();
        await KeepScreenshotAsync(page, name);

        using var bitmap = SKBitmap.Decode(png);
        int nonBackground = 0, class1 = 0, class2 = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                int r = c.Red, g = c.Green, b = c.Blue;
                // Background is rgb(13, 15, 20) (backColor 0.05, 0.06, 0.08).
                if (Math.Abs(r - 13) + Math.Abs(g - 15) + Math.Abs(b - 20) > 30)
                {
                    nonBackground++;
                }

                // Class 1 is (255, 77, 79) and class 2 (19, 194, 194), blended over grey: their hue survives blending.
                if (r - Math.Max(g, b) > 60)
                {
                    class1++;
                }
                else if (Math.Min(g, b) - r > 60 && Math.Abs(g - b) < 30)
                {
                    class2++;
                }
            }
        }

        return (nonBackground, class1, class2);
    }
}
