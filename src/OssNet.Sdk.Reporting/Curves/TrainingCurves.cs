// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.Text;
using OssNet.Sdk.IO;
using ScottPlot;
using SkiaSharp;

namespace OssNet.Sdk.Reporting.Curves;

/// <summary>Writes training curves beside a model: <c>curves.png</c> (loss, validation Dice per class, learning rate,
/// one panel each, the latter two when measured) and <c>curves.csv</c> (one row per epoch). An HTML report of the model
/// links both (<c>ossnet evaluate --html</c> finds them beside <c>--weights</c>).</summary>
public static class TrainingCurves
{
    /// <summary>The plot's file name.</summary>
    public const string PngFileName = "curves.png";

    /// <summary>The table's file name.</summary>
    public const string CsvFileName = "curves.csv";

    private const int PanelWidth = 560;
    private const int PanelHeight = 400;

    /// <summary>Writes <c>curves.png</c> and <c>curves.csv</c> into <paramref name="folder"/> (created when missing),
    /// both atomically and together.</summary>
    /// <param name="folder">The folder, usually the model file's.</param>
    /// <param name="epochs">The epochs in training order.</param>
    /// <param name="cancellationToken">Cancels the write; existing files are then unchanged.</param>
    /// <exception cref="ArgumentException">No epochs.</exception>
    public static async Task<TrainingCurvesFiles> WriteAsync(string folder, IReadOnlyList<TrainingEpoch> epochs, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0)
        {
            throw new ArgumentException("There are no epochs to plot.", nameof(epochs));
        }

        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        var files = new TrainingCurvesFiles(Path.Combine(root, PngFileName), Path.Combine(root, CsvFileName));
        var png = RenderPng(epochs);
        var csv = Encoding.UTF8.GetBytes(Csv(epochs));
        await using var set = new AtomicFileSet();
        await set.Create(files.PngPath).WriteAsync(png, cancellationToken).ConfigureAwait(false);
        await set.Create(files.CsvPath).WriteAsync(csv, cancellationToken).ConfigureAwait(false);
        await set.CommitAsync(cancellationToken).ConfigureAwait(false);
        return files;
    }

    /// <summary>The CSV text: <c>epoch,loss[,validation_loss][,dice_&lt;class&gt;…][,learning_rate]</c>; optional columns
    /// appear when any epoch has them, and are empty in epochs without.</summary>
    internal static string Csv(IReadOnlyList<TrainingEpoch> epochs)
    {
        var classes = ClassesOf(epochs);
        var hasValidationLoss = epochs.Any(e => e.ValidationLoss is not null);
        var hasLearningRate = epochs.Any(e => e.LearningRate is not null);
        var csv = new StringBuilder("epoch,loss");
        csv.Append(hasValidationLoss ? ",validation_loss" : string.Empty);
        foreach (var name in classes)
        {
            csv.Append(",dice_").Append(CsvName(name));
        }

        csv.Append(hasLearningRate ? ",learning_rate\n" : "\n");
        foreach (var e in epochs)
        {
            csv.Append(e.Epoch.ToString(CultureInfo.InvariantCulture)).Append(',').Append(N(e.Loss));
            if (hasValidationLoss)
            {
                csv.Append(',').Append(N(e.ValidationLoss));
            }

            foreach (var name in classes)
            {
                csv.Append(',').Append(e.ValidationDice is not null && e.ValidationDice.TryGetValue(name, out var dice) ? N(dice) : string.Empty);
            }

            if (hasLearningRate)
            {
                csv.Append(',').Append(N(e.LearningRate));
            }

            csv.Append('\n');
        }

        return csv.ToString();
    }

    private static byte[] RenderPng(IReadOnlyList<TrainingEpoch> epochs)
    {
        var panels = new List<Plot> { LossPanel(epochs) };
        var classes = ClassesOf(epochs);
        if (classes.Count > 0)
        {
            panels.Add(DicePanel(epochs, classes));
        }

        if (epochs.Any(e => e.LearningRate is not null))
        {
            panels.Add(Panel(
                "Learning rate", "learning rate",
                [("learning rate", epochs.Where(e => e.LearningRate is not null).Select(e => ((double)e.Epoch, e.LearningRate!.Value)).ToList(), Colors.DarkOrange)]));
        }

        using var surface = SKSurface.Create(new SKImageInfo(PanelWidth * panels.Count, PanelHeight));
        surface.Canvas.Clear(SKColors.White);
        for (var i = 0; i < panels.Count; i++)
        {
            // Each panel is rendered on its own (a plot paints its whole canvas) and placed side by side.
            using var panel = SKImage.FromEncodedData(panels[i].GetImage(PanelWidth, PanelHeight).GetImageBytes(ImageFormat.Png));
            surface.Canvas.DrawImage(panel, i * PanelWidth, 0);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static Plot LossPanel(IReadOnlyList<TrainingEpoch> epochs)
    {
        var series = new List<(string, List<(double, double)>, Color)> { ("training", [.. epochs.Select(e => ((double)e.Epoch, e.Loss))], Colors.SteelBlue) };
        if (epochs.Any(e => e.ValidationLoss is not null))
        {
            series.Add(("validation", [.. epochs.Where(e => e.ValidationLoss is not null).Select(e => ((double)e.Epoch, e.ValidationLoss!.Value))], Colors.Crimson));
        }

        return Panel("Loss", "loss", series);
    }

    private static Plot DicePanel(IReadOnlyList<TrainingEpoch> epochs, IReadOnlyList<string> classes)
    {
        Color[] palette = [Colors.Crimson, Colors.Teal, Colors.DarkGoldenRod, Colors.MediumPurple, Colors.ForestGreen, Colors.RoyalBlue, Colors.DeepPink, Colors.DarkOrange];
        var series = classes.Select((name, i) => (name,
            epochs.Where(e => e.ValidationDice is not null && e.ValidationDice.ContainsKey(name)).Select(e => ((double)e.Epoch, e.ValidationDice![name])).ToList(),
            palette[i % palette.Length])).ToList();
        var plot = Panel("Validation Dice", "Dice", series);
        plot.Axes.SetLimitsY(0, 1.02);
        return plot;
    }

    private static Plot Panel(string title, string yLabel, IReadOnlyList<(string Name, List<(double X, double Y)> Points, Color Color)> series)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        foreach (var (name, points, color) in series.Where(s => s.Points.Count > 0))
        {
            var scatter = plot.Add.Scatter(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray());
            scatter.Color = color;
            scatter.LineWidth = 2;
            scatter.MarkerSize = points.Count > 40 ? 0 : 5;
            scatter.LegendText = name;
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    private static List<string> ClassesOf(IReadOnlyList<TrainingEpoch> epochs) =>
        [.. epochs.Where(e => e.ValidationDice is not null).SelectMany(e => e.ValidationDice!.Keys).Distinct(StringComparer.Ordinal)];

    // "white matter" → "white_matter": CSV headers without spaces or commas.
    private static string CsvName(string name)
    {
        var text = new StringBuilder();
        foreach (var ch in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(ch) ? char.ToLowerInvariant(ch) : '_');
        }

        return text.ToString();
    }

    private static string N(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : string.Empty;
}
