// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Scaling;
using ScottPlot;

namespace OssNet.Sdk.Benchmarks.Report;

/// <summary>Draws scaling-memory.png and scaling-time.png: one colour per model, solid = training step, dashed =
/// inference; x = voxels of the full-resolution grid on a log scale, labelled with the grid sizes.</summary>
internal static class ScalingPlots
{
    private const int Width = 1000;
    private const int Height = 620;

    private static readonly Dictionary<string, Color> s_colours = new()
    {
        [ScalingModel.UNet3D] = Colors.Crimson,
        [ScalingModel.UNet2D] = Colors.DarkOrange,
        [ScalingModel.ONet] = Colors.SteelBlue,
        [ScalingModel.OssNetA] = Colors.MediumPurple,
        [ScalingModel.OssNetB] = Colors.Teal,
        [ScalingModel.OssNetC] = Colors.ForestGreen,
        [ScalingModel.OssNetD] = Colors.SaddleBrown,
    };

    public static async Task WriteAsync(ScalingRun run, string folder, CancellationToken cancellationToken)
    {
        var table = new ScalingTable(run);
        var memory = Draw(
            table,
            "Peak resident memory (VmHWM) vs grid size",
            "peak memory (GB)",
            m => m.PeakRssBytes!.Value / 1e9,
            markCap: true,
            logY: false);
        await WritePngAsync(memory, Path.Combine(folder, "scaling-memory.png"), cancellationToken);
        var time = Draw(
            table,
            $"CPU time (all threads) vs grid size — shared 2-core machine, load {run.LoadAverageAtStart.Split(' ')[0]} at start",
            "CPU time (s, log scale)",
            m => m.CpuSeconds!.Value,
            markCap: false,
            logY: true);
        await WritePngAsync(time, Path.Combine(folder, "scaling-time.png"), cancellationToken);
    }

    private static Plot Draw(ScalingTable table, string title, string yLabel, Func<ScalingMeasurement, double> measure, bool markCap, bool logY)
    {
        double Value(ScalingMeasurement m) => logY ? Math.Log10(Math.Max(measure(m), 1e-3)) : measure(m);
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        double yMax = 0;
        var yMin = double.MaxValue;
        foreach (var (mode, pattern, suffix) in new[] { (ScalingMode.Train, LinePattern.Solid, "training step"), (ScalingMode.Infer, LinePattern.Dashed, "inference") })
        {
            foreach (var model in table.ScalingModels(mode))
            {
                var series = table.Series(model, mode);
                if (series.Count == 0)
                {
                    continue;
                }

                var xs = series.Select(m => X(m.Voxels)).ToArray();
                var ys = series.Select(Value).ToArray();
                yMax = Math.Max(yMax, ys.Max());
                yMin = Math.Min(yMin, ys.Min());
                var scatter = plot.Add.Scatter(xs, ys);
                scatter.Color = s_colours.GetValueOrDefault(model, Colors.Gray);
                scatter.LinePattern = pattern;
                scatter.LineWidth = 2;
                scatter.MarkerSize = 7;
                scatter.LegendText = $"{ScalingModel.DisplayName(model)}, {suffix}";

                var failed = table.Sizes
                    .Select(s => table.Find(model, s, mode))
                    .Where(m => m is { Status: ScalingMeasurement.OutOfMemory })
                    .ToList();
                if (markCap && failed.Count > 0 && series.Count >= 2)
                {
                    // Where the line would have gone: the linear trend of its two largest grids, out to the BraTS grid.
                    var target = ScalingTable.Shape(table.TargetSize).VoxelCount;
                    if (table.ExtrapolatePeakBytes(model, mode, target) is { } estimate)
                    {
                        var trend = plot.Add.Scatter(new[] { xs[^1], X(target) }, new[] { ys[^1], estimate / 1e9 });
                        trend.Color = scatter.Color;
                        trend.LinePattern = LinePattern.Dotted;
                        trend.LineWidth = 2;
                        trend.MarkerShape = MarkerShape.OpenCircle;
                        trend.MarkerSize = 9;
                        trend.LegendText = $"{ScalingModel.DisplayName(model)}, {suffix}, linear extrapolation";
                        yMax = Math.Max(yMax, estimate / 1e9);
                    }
                }

                foreach (var oom in failed)
                {
                    var y = markCap ? oom!.AddressSpaceCapBytes!.Value / 1e9 : ys[^1];
                    var marker = plot.Add.Marker(X(oom!.Voxels), y, MarkerShape.Eks, 14);
                    marker.Color = scatter.Color;
                    var label = plot.Add.Text("OOM", X(oom.Voxels), y);
                    label.LabelFontColor = scatter.Color;
                    label.LabelFontSize = 13;
                    label.OffsetX = 8;
                }
            }
        }

        if (markCap && table.Run.AddressSpaceCapBytes > 0)
        {
            var cap = table.Run.AddressSpaceCapBytes / 1e9;
            var line = plot.Add.HorizontalLine(cap);
            line.LinePattern = LinePattern.Dotted;
            line.Color = Colors.Gray;
            line.LineWidth = 1;
            line.LegendText = $"address-space cap ({cap:F0} GB)";
            yMax = Math.Max(yMax, cap);
        }

        var positions = table.Sizes.Select(s => X(ScalingTable.Shape(s).VoxelCount)).ToArray();
        var labels = table.Sizes.Select(s => GridSize.Display(ScalingTable.Shape(s))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.SetLimitsX(positions.Min() - 0.1, positions.Max() + 0.1);
        if (logY)
        {
            double[] decades = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];
            var shown = decades.Where(d => Math.Log10(d) <= yMax + 0.3 && Math.Log10(d) >= yMin - 0.4).ToArray();
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
                shown.Select(Math.Log10).ToArray(), shown.Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimitsY(Math.Log10(shown[0]), yMax + 0.15);
        }
        else
        {
            plot.Axes.SetLimitsY(0, yMax * 1.1);
        }

        plot.Title(title);
        plot.XLabel("full-resolution grid (x: voxel count, log scale)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    /// <summary>The x position of a grid: log10 of its voxel count (the grids span two orders of magnitude).</summary>
    private static double X(long voxels) => Math.Log10(voxels);

    private static async Task WritePngAsync(Plot plot, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var bytes = plot.GetImage(Width, Height).GetImageBytes(ImageFormat.Png);
        var temporary = full + $".{Environment.ProcessId}.tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, full, overwrite: true);
    }
}
