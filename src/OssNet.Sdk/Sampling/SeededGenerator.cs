// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>A sampler's own generator: seeded from options, serialised so that concurrent calls stay safe.</summary>
internal sealed class SeededGenerator(int? seed)
{
    private readonly Random _random = seed is { } value ? new Random(value) : new Random();
    private readonly Lock _gate = new();

    /// <summary>Runs <paramref name="draw"/> with <paramref name="perCall"/> when given, otherwise with the own generator under a lock.</summary>
    public PointSet Draw(Random? perCall, Func<Random, PointSet> draw)
    {
        if (perCall is not null)
        {
            return draw(perCall);
        }

        lock (_gate)
        {
            return draw(_random);
        }
    }
}
