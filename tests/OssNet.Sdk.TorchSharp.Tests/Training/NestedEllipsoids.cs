// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>A 3-class phantom: an inner ellipsoid (label value 7) inside an outer one (value 3), brighter inside, with noise.</summary>
/// <remarks>The label values are deliberately not class indices, so a test fails if they are not mapped through the label set.</remarks>
internal static class NestedEllipsoids
{
    /// <summary>The phantom's classes: background 0, outer shell 3, inner core 7.</summary>
    public static LabelSet Labels { get; } = new([new(0, "background"), new(3, "outer"), new(7, "inner")]);

    /// <summary>The grid of every case (fits a 3-level U-Net: 24 and 16 halve twice).</summary>
    public static VolumeShape Shape { get; } = new(24, 24, 16);

    /// <summary>A source of <paramref name="count"/> cases with centres and radii jittered by <paramref name="seed"/>.</summary>
    public static InMemoryVolumeSource Source(int count, int seed) =>
        new($"nested-ellipsoids-{seed}", Enumerable.Range(0, count).Select(i => Case($"e{seed}_{i}", seed * 1000 + i)));

    /// <summary>One case.</summary>
    public static VolumeCase Case(string id, int seed)
    {
        var random = new Random(seed);
        var geometry = VolumeGeometry.Create(Shape);
        var centre = (X: 11.5 + random.NextDouble() * 2 - 1, Y: 11.5 + random.NextDouble() * 2 - 1, Z: 7.5 + random.NextDouble() - 0.5);
        var outer = (X: 8.5 + random.NextDouble(), Y: 7.5 + random.NextDouble(), Z: 5.5 + random.NextDouble() * 0.5);
        var inner = (X: outer.X * 0.5, Y: outer.Y * 0.5, Z: outer.Z * 0.5);
        var voxels = new float[Shape.VoxelCount];
        var labels = new byte[Shape.VoxelCount];
        var i = 0;
        for (var x = 0; x < Shape.X; x++)
        {
            for (var y = 0; y < Shape.Y; y++)
            {
                for (var z = 0; z < Shape.Z; z++, i++)
                {
                    double Inside((double X, double Y, double Z) r) =>
                        Square((x - centre.X) / r.X) + Square((y - centre.Y) / r.Y) + Square((z - centre.Z) / r.Z);
                    var (value, label) = Inside(inner) <= 1 ? (2.0, (byte)7) : Inside(outer) <= 1 ? (1.0, (byte)3) : (0.0, (byte)0);
                    labels[i] = label;
                    voxels[i] = (float)(value + 0.2 * Gaussian(random));
                }
            }
        }

        return new VolumeCase(id, new Volume(geometry, 1, voxels), new LabelVolume(geometry, labels));
    }

    private static double Square(double v) => v * v;

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
