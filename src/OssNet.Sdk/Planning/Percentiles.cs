// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Planning;

/// <summary>Percentiles with linear interpolation between closest ranks (NumPy's default, which nnU-Net's planner uses).</summary>
internal static class Percentiles
{
    /// <summary>The <paramref name="percent"/>th percentile of <paramref name="values"/> (at least one).</summary>
    public static double Of(IEnumerable<double> values, double percent) => OfSorted([.. values.Order()], percent);

    /// <summary>The <paramref name="percent"/>th percentile of values sorted ascending (at least one).</summary>
    public static double OfSorted(double[] sorted, double percent)
    {
        var position = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
