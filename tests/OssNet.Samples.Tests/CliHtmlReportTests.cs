// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text.RegularExpressions;

namespace OssNet.Samples.Tests;

/// <summary><c>ossnet evaluate --html</c> and <c>ossnet segment --html</c> write the HTML report (its pages and viewer are
/// tested in OssNet.Sdk.Reporting.Tests; here: the commands wire it up with their numbers).</summary>
public sealed partial class CliHtmlReportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-cli-html-").FullName;

    private static string Tool => SampleProcess.DllOf("OssNet.Cli", "ossnet");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Evaluate_Html_WritesTheCaseWithTheDiceItPrints()
    {
        var html = Path.Combine(_folder, "report");

        var run = await SampleProcess.RunAsync(Tool, _folder, "evaluate", "--smoke", "--html", html);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Wrote HTML report {Path.Combine(html, "index.html")}", run.Output, StringComparison.Ordinal);
        var printed = double.Parse(MeanDice().Match(run.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var index = await File.ReadAllTextAsync(Path.Combine(html, "index.html"), TestContext.Current.CancellationToken);
        var dice = double.Parse(DiceCell().Match(index).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal(printed, dice, 0.00005);
        Assert.Contains("href=\"cases/001-phantom-000.html\"", index, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(html, "cases", "001-phantom-000.data.js")));
        Assert.True(File.Exists(Path.Combine(html, "assets", "niivue.umd.js")));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Segment_Html_WritesClassVolumesAndTimings()
    {
        var html = Path.Combine(_folder, "report");

        var run = await SampleProcess.RunAsync(Tool, _folder, "segment", "--smoke", "--html", html);

        Assert.True(run.ExitCode == 0, run.ToString());
        var index = await File.ReadAllTextAsync(Path.Combine(html, "index.html"), TestContext.Current.CancellationToken);
        Assert.Contains("volume (mL)", index, StringComparison.Ordinal);
        Assert.Contains("data-metric=\"seconds\"", index, StringComparison.Ordinal);
        var page = await File.ReadAllTextAsync(Path.Combine(html, "cases", "001-phantom-000.html"), TestContext.Current.CancellationToken);
        // No reference: no outline toggle.
        Assert.DoesNotContain("show-reference", page, StringComparison.Ordinal);
        Assert.Contains("show-prediction", page, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Mean Dice ([0-9.]+) over")]
    private static partial Regex MeanDice();

    [GeneratedRegex("data-value=\"([^\"]+)\" data-metric=\"Dice &#183; foreground\"")]
    private static partial Regex DiceCell();
}
