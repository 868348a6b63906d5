// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>The random draws the samplers are built from; all write into caller-owned buffers.</summary>
internal static class PointDraws
{
    /// <summary>Fills <paramref name="coordinates"/> (x, y, z triples) with uniform voxel coordinates, with replacement.</summary>
    /// <param name="coordinates">Destination; its length / 3 points are drawn.</param>
    /// <param name="shape">The grid.</param>
    /// <param name="includeLastIndex">False reproduces the reference's <c>floor(U · (S − 1))</c>; true draws over [0, S − 1].</param>
    /// <param name="random">The generator.</param>
    public static void Uniform(Span<int> coordinates, VolumeShape shape, bool includeLastIndex, Random random)
    {
        for (var i = 0; i < coordinates.Length; i += 3)
        {
            coordinates[i] = Axis(shape.X, includeLastIndex, random);
            coordinates[i + 1] = Axis(shape.Y, includeLastIndex, random);
            coordinates[i + 2] = Axis(shape.Z, includeLastIndex, random);
        }
    }

    /// <summary>
    /// Draws <paramref name="count"/> distinct entries of <paramref name="population"/> (a uniformly random subset in
    /// random order) and writes them as coordinates.
    /// </summary>
    /// <remarks>
    /// A partial Fisher–Yates shuffle over a virtual copy of the population: only the swapped positions are stored,
    /// in one dictionary of at most <paramref name="count"/> entries, so the cost is O(count) whatever the band size
    /// and the shared index list is never modified.
    /// </remarks>
    public static void WithoutReplacement(ReadOnlySpan<int> population, int count, VolumeShape shape, Random random, Span<int> coordinates)
    {
        if (count == population.Length)
        {
            for (var i = 0; i < count; i++)
            {
                WriteCoordinates(population[i], shape, coordinates, i);
            }

            return;
        }

        var moved = new Dictionary<int, int>(count); // position → the value now there, where it differs from population
        for (var i = 0; i < count; i++)
        {
            var j = random.Next(i, population.Length);
            var atJ = moved.TryGetValue(j, out var a) ? a : population[j];
            var atI = moved.TryGetValue(i, out var b) ? b : population[i];
            moved[j] = atI;
            WriteCoordinates(atJ, shape, coordinates, i);
        }
    }

    /// <summary>Shuffles the (x, y, z) triples of <paramref name="coordinates"/> in place (Fisher–Yates).</summary>
    public static void ShufflePoints(Span<int> coordinates, Random random)
    {
        for (var i = (coordinates.Length / 3) - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            for (var c = 0; c < 3; c++)
            {
                (coordinates[(3 * i) + c], coordinates[(3 * j) + c]) = (coordinates[(3 * j) + c], coordinates[(3 * i) + c]);
            }
        }
    }

    /// <summary>Writes the coordinates of linear index <paramref name="index"/> (z fastest) as point <paramref name="point"/>.</summary>
    public static void WriteCoordinates(int index, VolumeShape shape, Span<int> coordinates, int point)
    {
        var yz = shape.Y * shape.Z;
        var x = index / yz;
        var rest = index - (x * yz);
        var y = rest / shape.Z;
        coordinates[3 * point] = x;
        coordinates[(3 * point) + 1] = y;
        coordinates[(3 * point) + 2] = rest - (y * shape.Z);
    }

    private static int Axis(int size, bool includeLastIndex, Random random) =>
        includeLastIndex ? random.Next(size) : (int)(random.NextDouble() * (size - 1));
}
