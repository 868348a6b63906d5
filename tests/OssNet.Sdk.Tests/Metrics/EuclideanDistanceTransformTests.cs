// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class EuclideanDistanceTransformTests
{
    public static TheoryData<int, double, double, double, double> RandomCases => new()
    {
        { 1, 0.02, 1.0, 1.0, 1.0 },
        { 2, 0.05, 0.7, 1.3, 2.1 },
        { 3, 0.20, 2.5, 1.0, 0.5 },
        { 4, 0.50, 1.0, 3.0, 1.0 },
        { 5, 0.002, 1.0, 1.0, 5.0 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void SquaredDistances_RandomFeatures_MatchBruteForce(int seed, double density, double sx, double sy, double sz)
    {
        var shape = new VolumeShape(9, 7, 11);
        var features = TestMasks.Random(shape, density, seed).Labels.ToArray();
        var spacing = (sx, sy, sz);

        var actual = EuclideanDistanceTransform.SquaredDistances(features, shape, spacing);

        var expected = BruteForce(features, shape, spacing);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                expected[i] == actual[i] || Math.Abs(expected[i] - actual[i]) <= 1e-9 * Math.Max(1, expected[i]),
                $"voxel {i}: expected {expected[i]}, got {actual[i]}");
        }
    }

    [Fact]
    public void SquaredDistances_NoFeatures_InfiniteEverywhere()
    {
        var shape = new VolumeShape(3, 4, 5);

        var actual = EuclideanDistanceTransform.SquaredDistances(new byte[60], shape, (1, 1, 1));

        Assert.All(actual, d => Assert.Equal(double.PositiveInfinity, d));
    }

    [Fact]
    public void Distances_SingleFeature_IsAnisotropicEuclideanNorm()
    {
        var features = TestMasks.Empty(new VolumeShape(5, 6, 7), 2.0, 0.5, 3.0);
        features[1, 2, 3] = 1;

        var distances = EuclideanDistanceTransform.Distances(features);

        Assert.Equal(0f, distances[0, 1, 2, 3]);
        var expected = Math.Sqrt(Math.Pow(3 * 2.0, 2) + Math.Pow(3 * 0.5, 2) + Math.Pow(3 * 3.0, 2));
        Assert.Equal(expected, distances[0, 4, 5, 6], 1e-5);
    }

    [Fact]
    public void SquaredDistances_WrongBufferLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => EuclideanDistanceTransform.SquaredDistances(new byte[5], new VolumeShape(2, 2, 2), (1, 1, 1)));
    }

    private static double[] BruteForce(byte[] features, VolumeShape shape, (double X, double Y, double Z) spacing)
    {
        var result = new double[features.Length];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var best = double.PositiveInfinity;
                    for (var fx = 0; fx < shape.X; fx++)
                    {
                        for (var fy = 0; fy < shape.Y; fy++)
                        {
                            for (var fz = 0; fz < shape.Z; fz++)
                            {
                                if (features[shape.IndexOf(fx, fy, fz)] == 0)
                                {
                                    continue;
                                }

                                var dx = (x - fx) * spacing.X;
                                var dy = (y - fy) * spacing.Y;
                                var dz = (z - fz) * spacing.Z;
                                best = Math.Min(best, (dx * dx) + (dy * dy) + (dz * dz));
                            }
                        }
                    }

                    result[shape.IndexOf(x, y, z)] = best;
                }
            }
        }

        return result;
    }
}
