// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Tests.Training;

/// <summary>
/// A three-class phantom: an outer ellipsoid (label value 3) holding an inner one (label value 7, off centre) on background 0,
/// one noisy channel (background 0, outer 1, inner 2). Centres and radii vary with the seed.
/// </summary>
internal static class NestedEllipsoids
{
    public const byte OuterValue = 3;
    public const byte InnerValue = 7;

    public static LabelSet Labels { get; } = new([new LabelDefinition(0, "background"), new LabelDefinition(OuterValue, "outer"), new LabelDefinition(InnerValue, "inner")]);

    /// <summary>The default grid (fits a 3-level U-Net: 24 and 16 halve twice).</summary>
    public static VolumeShape Shape { get; } = new(24, 24, 16);

    public static InMemoryVolumeSource Source(int count, int seed) => Source(Shape, count, seed * 1000);

    public static VolumeCase Case(string id, int seed) => Create(Shape, seed, id);

    public static InMemoryVolumeSource Source(VolumeShape shape, int count, int seed) =>
        new("nested-ellipsoids", Enumerable.Range(0, count).Select(i => Create(shape, seed + i, $"ellipsoids-{seed + i:D4}")));

    // innerScale scales the inner ellipsoid's radii (1: about half the outer one's, a rare class for short training).
    public static VolumeCase Create(VolumeShape shape, int seed, string id, double innerScale = 1)
    {
        var random = new Random(seed);
        double Jitter(double scale) => (random.NextDouble() - 0.5) * scale;
        var centre = (X: (shape.X / 2.0) + Jitter(4), Y: (shape.Y / 2.0) + Jitter(4), Z: (shape.Z / 2.0) + Jitter(4));
        var outer = (X: (0.32 + Jitter(0.08)) * shape.X, Y: (0.3 + Jitter(0.08)) * shape.Y, Z: (0.28 + Jitter(0.08)) * shape.Z);
        var innerCentre = (X: centre.X + Jitter(4), Y: centre.Y + Jitter(4), Z: centre.Z);
        var inner = (X: outer.X * 0.5 * innerScale, Y: outer.Y * 0.45 * innerScale, Z: outer.Z * 0.5 * innerScale);
        var image = new float[shape.VoxelCount];
        var labels = new byte[shape.VoxelCount];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var index = shape.IndexOf(x, y, z);
                    var value = Inside(x, y, z, innerCentre, inner) ? InnerValue : Inside(x, y, z, centre, outer) ? OuterValue : (byte)0;
                    labels[index] = value;
                    var noise = (float)(0.25 * (random.NextDouble() + random.NextDouble() - 1));
                    image[index] = (value == InnerValue ? 2f : value == OuterValue ? 1f : 0f) + noise;
                }
            }
        }

        var geometry = VolumeGeometry.Create(shape);
        return new VolumeCase(id, new Volume(geometry, 1, image), new LabelVolume(geometry, labels));
    }

    /// <summary>Cases whose inner ellipsoid's radii are scaled by <paramref name="innerScale"/> (a less rare inner class).</summary>
    public static InMemoryVolumeSource Source(VolumeShape shape, int count, int seed, double innerScale) =>
        new("nested-ellipsoids", Enumerable.Range(0, count).Select(i => Create(shape, seed + i, $"ellipsoids-{seed + i:D4}", innerScale)));

    private static bool Inside(int x, int y, int z, (double X, double Y, double Z) centre, (double X, double Y, double Z) radii)
    {
        var dx = (x - centre.X) / radii.X;
        var dy = (y - centre.Y) / radii.Y;
        var dz = (z - centre.Z) / radii.Z;
        return (dx * dx) + (dy * dy) + (dz * dz) <= 1;
    }
}
