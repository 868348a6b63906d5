// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Reporting.Curves;
using SkiaSharp;

namespace OssNet.Sdk.Reporting.Tests;

public sealed class TrainingCurvesTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ossnet-curves-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static List<TrainingEpoch> Epochs(bool full) =>
        [.. Enumerable.Range(1, 10).Select(e => new TrainingEpoch(e, 1.0 / e)
        {
            ValidationLoss = full ? 1.2 / e : null,
            ValidationDice = full ? new Dictionary<string, double> { ["oedema"] = 0.08 * e, ["white matter"] = 0.05 * e } : null,
            LearningRate = full ? 1e-3 * Math.Pow(0.9, e - 1) : null,
        })];

    [Fact]
    public async Task WriteAsync_AllSeries_WritesTheCsvRowsAndThreePanels()
    {
        var files = await TrainingCurves.WriteAsync(_folder, Epochs(full: true), TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(_folder, "curves.png"), files.PngPath);
        var lines = await File.ReadAllLinesAsync(files.CsvPath, TestContext.Current.CancellationToken);
        Assert.Equal("epoch,loss,validation_loss,dice_oedema,dice_white_matter,learning_rate", lines[0]);
        Assert.Equal(11, lines.Length);
        var row = lines[4].Split(',');
        Assert.Equal("4", row[0]);
        Assert.Equal(0.25, double.Parse(row[1], CultureInfo.InvariantCulture));
        Assert.Equal(0.3, double.Parse(row[2], CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.32, double.Parse(row[3], CultureInfo.InvariantCulture), 12);
        Assert.Equal(0.2, double.Parse(row[4], CultureInfo.InvariantCulture), 12);
        Assert.Equal(1e-3 * 0.729, double.Parse(row[5], CultureInfo.InvariantCulture), 12);

        if (Environment.GetEnvironmentVariable("OSSNET_REPORT_SCREENSHOTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            File.Copy(files.PngPath, Path.Combine(keep, "curves.png"), overwrite: true);
        }

        using var png = SKBitmap.Decode(files.PngPath);
        Assert.Equal((3 * 560, 400), (png.Width, png.Height));
        // The Dice panel draws its classes in crimson and teal: both colours are on the image.
        Assert.True(CountNear(png, new SKColor(220, 20, 60)) > 50, "no crimson Dice curve");
        Assert.True(CountNear(png, new SKColor(0, 128, 128)) > 50, "no teal Dice curve");
    }

    [Fact]
    public async Task WriteAsync_LossOnly_WritesOnePanelAndTwoColumns()
    {
        var files = await TrainingCurves.WriteAsync(_folder, Epochs(full: false), TestContext.Current.CancellationToken);

        var lines = await File.ReadAllLinesAsync(files.CsvPath, TestContext.Current.CancellationToken);
        Assert.Equal("epoch,loss", lines[0]);
        Assert.Equal("10,0.1", lines[10]);
        using var png = SKBitmap.Decode(files.PngPath);
        Assert.Equal(560, png.Width);
        Assert.Equal(0, CountNear(png, new SKColor(220, 20, 60)));
    }

    [Fact]
    public async Task WriteAsync_NoEpochs_Throws() =>
        await Assert.ThrowsAsync<ArgumentException>(() => TrainingCurves.WriteAsync(_folder, [], TestContext.Current.CancellationToken));

    private static int CountNear(SKBitmap bitmap, SKColor colour)
    {
        var count = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (Math.Abs(c.Red - colour.Red) + Math.Abs(c.Green - colour.Green) + Math.Abs(c.Blue - colour.Blue) < 40)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
