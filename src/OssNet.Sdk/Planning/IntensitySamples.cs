// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Planning;

/// <summary>Voxel values sampled from many cases (evenly spaced picks, so the result is deterministic), summarised as <see cref="IntensityStatistics"/>.</summary>
internal sealed class IntensitySamples(int perCase)
{
    private readonly List<float> _values = [];

    /// <summary>Adds up to <c>perCase</c> evenly spaced values of <paramref name="values"/> at the positions <paramref name="include"/> accepts (all when null).</summary>
    public void Add(ReadOnlySpan<float> values, Func<int, bool>? include = null)
    {
        long count = 0;
        if (include is null)
        {
            count = values.Length;
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                count += include(i) ? 1 : 0;
            }
        }

        if (count == 0)
        {
            return;
        }

        var stride = Math.Max(1, (count + perCase - 1) / perCase);
        long seen = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if ((include is null || include(i)) && seen++ % stride == 0 && float.IsFinite(values[i]))
            {
                _values.Add(values[i]);
            }
        }
    }

    /// <summary>Returns the statistics of the samples, or null when there are none.</summary>
    public IntensityStatistics? Summarize()
    {
        if (_values.Count == 0)
        {
            return null;
        }

        var sorted = _values.Select(v => (double)v).ToArray();
        Array.Sort(sorted);
        double sum = 0;
        foreach (var v in sorted)
        {
            sum += v;
        }

        var mean = sum / sorted.Length;
        double squares = 0;
        foreach (var v in sorted)
        {
            squares += (v - mean) * (v - mean);
        }

        return new IntensityStatistics(
            mean, Math.Sqrt(squares / sorted.Length), sorted[0], sorted[^1],
            Percentiles.OfSorted(sorted, 50), Percentiles.OfSorted(sorted, 0.5), Percentiles.OfSorted(sorted, 99.5), sorted.Length);
    }
}
