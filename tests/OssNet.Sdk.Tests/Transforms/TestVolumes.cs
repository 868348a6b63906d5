// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

/// <summary>Small seeded volumes and comparisons for the transform tests.</summary>
internal static class TestVolumes
{
    /// <summary>An oblique affine with a non-trivial translation, so geometry bugs cannot hide behind the identity.</summary>
    public static AffineMatrix ObliqueAffine(double sx = 1.2, double sy = 0.9, double sz = 2.5)
    {
        var a = 0.3;
        return AffineMatrix.FromRows(
        [
            Math.Cos(a) * sx, -Math.Sin(a) * sy, 0, -91.5,
            Math.Sin(a) * sx, Math.Cos(a) * sy, 0, 126.25,
            0, 0, sz, -72,
        ]);
    }

    public static VolumeGeometry Geometry(VolumeShape shape, AffineMatrix? affine = null)
    {
        affine ??= ObliqueAffine();
        var (x, y, z) = affine.ColumnNorms;
        return new VolumeGeometry(shape, (x, y, z), affine);
    }

    /// <summary>A case with random image values and random labels in {0, 1, 2, 4}.</summary>
    public static VolumeCase RandomCase(VolumeShape shape, int channels = 2, int seed = 1, AffineMatrix? affine = null)
    {
        var geometry = Geometry(shape, affine);
        var random = new Random(seed);
        var image = new float[channels * shape.VoxelCount];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = (float)((random.NextDouble() * 200) - 50);
        }

        var labels = new byte[shape.VoxelCount];
        byte[] values = [0, 1, 2, 4];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = values[random.Next(4)];
        }

        return new VolumeCase("random", new Volume(geometry, channels, image), new LabelVolume(geometry, labels));
    }

    /// <summary>A case whose label is a ball and whose image is the same ball as probabilities.</summary>
    public static VolumeCase BallCase(VolumeShape shape, double radiusFraction = 0.35)
    {
        var geometry = Geometry(shape);
        var labels = new byte[shape.VoxelCount];
        var image = new float[shape.VoxelCount];
        var r = radiusFraction * Math.Min(shape.X, Math.Min(shape.Y, shape.Z));
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var d = Math.Sqrt(Math.Pow(x - ((shape.X - 1) / 2.0), 2) + Math.Pow(y - ((shape.Y - 1) / 2.0), 2) + Math.Pow(z - ((shape.Z - 1) / 2.0), 2));
                    var inside = d <= r;
                    labels[shape.IndexOf(x, y, z)] = inside ? (byte)1 : (byte)0;
                    image[shape.IndexOf(x, y, z)] = inside ? 1f : 0f;
                }
            }
        }

        return new VolumeCase("ball", new Volume(geometry, 1, image), new LabelVolume(geometry, labels));
    }

    public static double Dice(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        long both = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var pa = a[i] > 0;
            var pb = b[i] > 0;
            na += pa ? 1 : 0;
            nb += pb ? 1 : 0;
            both += pa && pb ? 1 : 0;
        }

        return na + nb == 0 ? 1 : 2.0 * both / (na + nb);
    }

    public static void AssertWorldEqual((double X, double Y, double Z) expected, (double X, double Y, double Z) actual, double tolerance = 1e-9)
    {
        Assert.True(
            Math.Abs(expected.X - actual.X) <= tolerance && Math.Abs(expected.Y - actual.Y) <= tolerance && Math.Abs(expected.Z - actual.Z) <= tolerance,
            $"World positions differ: expected {expected}, got {actual}.");
    }
}
