// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests;

/// <summary>Small binary masks for metric and sampling tests.</summary>
internal static class TestMasks
{
    public static LabelVolume Empty(VolumeShape shape, double sx = 1, double sy = 1, double sz = 1) =>
        LabelVolume.Zeros(VolumeGeometry.Create(shape, sx, sy, sz));

    /// <summary>A box [min, max) per axis, filled with 1.</summary>
    public static LabelVolume Box(VolumeShape shape, (int X, int Y, int Z) min, (int X, int Y, int Z) max, double sx = 1, double sy = 1, double sz = 1)
    {
        var mask = Empty(shape, sx, sy, sz);
        for (var x = min.X; x < max.X; x++)
        {
            for (var y = min.Y; y < max.Y; y++)
            {
                for (var z = min.Z; z < max.Z; z++)
                {
                    mask[x, y, z] = 1;
                }
            }
        }

        return mask;
    }

    /// <summary>A ball of voxels whose centres lie within <paramref name="radius"/> voxels of <paramref name="centre"/>.</summary>
    public static LabelVolume Sphere(VolumeShape shape, (double X, double Y, double Z) centre, double radius, double sx = 1, double sy = 1, double sz = 1)
    {
        var mask = Empty(shape, sx, sy, sz);
        var span = mask.Labels.Span;
        var i = 0;
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++, i++)
                {
                    var dx = x - centre.X;
                    var dy = y - centre.Y;
                    var dz = z - centre.Z;
                    span[i] = (dx * dx) + (dy * dy) + (dz * dz) <= radius * radius ? (byte)1 : (byte)0;
                }
            }
        }

        return mask;
    }

    /// <summary>Independent voxels, foreground with probability <paramref name="density"/>.</summary>
    public static LabelVolume Random(VolumeShape shape, double density, int seed, double sx = 1, double sy = 1, double sz = 1)
    {
        var random = new System.Random(seed);
        var mask = Empty(shape, sx, sy, sz);
        var span = mask.Labels.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = random.NextDouble() < density ? (byte)1 : (byte)0;
        }

        return mask;
    }
}
