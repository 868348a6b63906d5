// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>
/// Decides whether the next configuration fits the time budget, predicting its child's wall time from the same model and
/// mode at smaller grids: a line through the last two (time = a + b·voxels, b ≥ 0), or proportional to the voxels from
/// one. Configurations larger than one that already ran out of memory or time are not run either.
/// </summary>
internal sealed class ScalingBudget
{
    private readonly Dictionary<(string Model, string Mode), List<(long Voxels, double Seconds)>> _history = [];
    private readonly Dictionary<(string Model, string Mode), (long Voxels, string Status, string Size)> _failures = [];
    private readonly DateTimeOffset _deadline;
    private readonly TimeProvider _time;

    public ScalingBudget(TimeSpan budget, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _deadline = _time.GetUtcNow() + budget;
    }

    /// <summary>Gets the time left.</summary>
    public TimeSpan Remaining => _deadline - _time.GetUtcNow() is { Ticks: > 0 } left ? left : TimeSpan.Zero;

    /// <summary>Gets the predicted child wall seconds of <paramref name="model"/>/<paramref name="mode"/> at
    /// <paramref name="voxels"/>, or null without history.</summary>
    public double? Predict(string model, string mode, long voxels)
    {
        if (!_history.TryGetValue((model, mode), out var runs) || runs.Count == 0)
        {
            return null;
        }

        var last = runs[^1];
        if (runs.Count == 1 || runs[^2].Voxels == last.Voxels)
        {
            return last.Seconds * voxels / last.Voxels;
        }

        var previous = runs[^2];
        var slope = Math.Max(0, (last.Seconds - previous.Seconds) / (last.Voxels - previous.Voxels));
        return last.Seconds + (slope * (voxels - last.Voxels));
    }

    /// <summary>Returns why the configuration is not run, or null to run it.</summary>
    public string? ReasonToSkip(string model, string mode, long voxels)
    {
        if (_failures.TryGetValue((model, mode), out var failure) && voxels >= failure.Voxels)
        {
            return $"not run: already {failure.Status} at {failure.Size}";
        }

        var remaining = Remaining.TotalSeconds;
        if (remaining <= 0)
        {
            return "not run: budget exhausted";
        }

        return Predict(model, mode, voxels) is { } predicted && predicted > remaining
            ? FormattableString.Invariant($"not run: predicted {predicted:F0} s > {remaining:F0} s left in the budget")
            : null;
    }

    /// <summary>Records a finished configuration.</summary>
    public void Record(ScalingMeasurement measurement)
    {
        var key = (measurement.Model, measurement.Mode);
        if (measurement.Status == ScalingMeasurement.Ok && measurement.ChildWallSeconds is { } seconds)
        {
            if (!_history.TryGetValue(key, out var runs))
            {
                _history[key] = runs = [];
            }

            runs.Add((measurement.Voxels, seconds));
        }
        else if (measurement.Status is ScalingMeasurement.OutOfMemory or ScalingMeasurement.TimedOut
                 && (!_failures.TryGetValue(key, out var known) || measurement.Voxels < known.Voxels))
        {
            _failures[key] = (measurement.Voxels, measurement.Status, GridSize.Display(GridSize.Parse(measurement.Size)));
        }
    }
}
