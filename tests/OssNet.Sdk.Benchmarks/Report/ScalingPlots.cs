// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Scaling;
using ScottPlot;

namespace OssNet.Sdk.Benchmarks.Report;

/// <summary>Draws scaling-memory.png and scaling-time.png: one colour per model, solid = training step, dashed =
/// inference; x = voxels of the full-resolution grid (millions), labelled with the grid sizes.</summary>
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
            markCap: true);
        await WritePngAsync(memory, Path.Combine(folder, "scaling-memory.png"), cancellationToken);
        var time = Draw(
            table,
            $"Wall time vs grid size (shared 2-core machine, load {run.LoadAverageAtStart.Split(' ')[0]} at start)",
            "wall time (s)",
            m => m.WallSeconds!.Value,
            markCap: false);
        await WritePngAsync(time, Path.Combine(folder, "scaling-time.png"), cancellationToken);
    }

    private static Plot Draw(ScalingTable table, string title, string yLabel, Func<ScalingMeasurement, double> value, bool markCap)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        double yMax = 0;
        foreach (var (mode, pattern, suffix) in new[] { (ScalingMode.Train, LinePattern.Solid, "training step"), (ScalingMode.Infer, LinePattern.Dashed, "inference") })
        {
            foreach (var model in table.ScalingModels(mode))
            {
                var series = table.Series(model, mode);
                if (series.Count == 0)
                {
                    continue;
                }

                var xs = series.Select(m => m.Voxels / 1e6).ToArray();
                var ys = series.Select(value).ToArray();
                yMax = Math.Max(yMax, ys.Max());
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
                foreach (var oom in failed)
                {
                    var y = markCap ? oom!.AddressSpaceCapBytes!.Value / 1e9 : ys[^1];
                    var marker = plot.Add.Marker(oom!.Voxels / 1e6, y, MarkerShape.Eks, 14);
                    marker.Color = scatter.Color;
                    var label = plot.Add.Text("OOM", oom.Voxels / 1e6, y);
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

        var positions = table.Sizes.Select(s => ScalingTable.Shape(s).VoxelCount / 1e6).ToArray();
        var labels = table.Sizes.Select(s => GridSize.Display(ScalingTable.Shape(s))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(positions, labels);
        plot.Axes.SetLimitsX(0, positions.Max() * 1.08);
        plot.Axes.SetLimitsY(0, yMax * 1.1);
        plot.Title(title);
        plot.XLabel("full-resolution grid (x positions ∝ voxel count)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

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
