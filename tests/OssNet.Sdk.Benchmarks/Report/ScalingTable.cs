// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Scaling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Benchmarks.Report;

/// <summary>Looks up the measurements of a scaling run by model, grid and mode.</summary>
internal sealed class ScalingTable
{
    /// <summary>The BraTS grid after padding, the size the targets refer to.</summary>
    public const string BraTsSize = "256x256x160";

    private readonly IReadOnlyList<ScalingMeasurement> _results;

    public ScalingTable(ScalingRun run)
    {
        Run = run;
        _results = run.Results;
        Sizes = [.. _results.Select(r => r.Size).Distinct().OrderBy(s => GridSize.Parse(s).VoxelCount)];
        Models = [.. ScalingModel.All.Where(m => _results.Any(r => r.Model == m))];
    }

    public ScalingRun Run { get; }

    /// <summary>Gets the grids of the run, smallest first.</summary>
    public IReadOnlyList<string> Sizes { get; }

    /// <summary>Gets the models of the run in report order.</summary>
    public IReadOnlyList<string> Models { get; }

    /// <summary>Gets the size the targets are evaluated at: BraTS if measured, else the largest.</summary>
    public string TargetSize => Sizes.Contains(BraTsSize) ? BraTsSize : Sizes[^1];

    public ScalingMeasurement? Find(string model, string size, string mode) =>
        _results.FirstOrDefault(r => r.Model == model && r.Size == size && r.Mode == mode);

    /// <summary>Gets the models measured at more than one grid in <paramref name="mode"/> (the ones worth a line in a plot).</summary>
    public IEnumerable<string> ScalingModels(string mode) =>
        Models.Where(m => _results.Count(r => r.Model == m && r.Mode == mode) > 1);

    /// <summary>Gets the ok measurements of a model and mode, smallest grid first.</summary>
    public IReadOnlyList<ScalingMeasurement> Series(string model, string mode) =>
        [.. _results.Where(r => r.Model == model && r.Mode == mode && r.Status == ScalingMeasurement.Ok).OrderBy(r => r.Voxels)];

    public static VolumeShape Shape(string size) => GridSize.Parse(size);

    /// <summary>Extrapolates a model's peak memory to <paramref name="voxels"/> with a line through its two largest
    /// successful grids, or null with fewer than two.</summary>
    public double? ExtrapolatePeakBytes(string model, string mode, long voxels)
    {
        var series = Series(model, mode);
        if (series.Count < 2)
        {
            return null;
        }

        var (a, b) = (series[^2], series[^1]);
        var slope = (double)(b.PeakRssBytes!.Value - a.PeakRssBytes!.Value) / (b.Voxels - a.Voxels);
        return b.PeakRssBytes.Value + (slope * (voxels - b.Voxels));
    }
}
