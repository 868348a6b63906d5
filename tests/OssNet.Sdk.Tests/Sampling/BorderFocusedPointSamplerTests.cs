// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

public sealed class BorderFocusedPointSamplerTests
{
    private static readonly VolumeShape s_shape = new(16, 32, 32);

    [Fact]
    public void Sample_LargeBand_DrawsExactlyTheShareWithoutReplacement()
    {
        // The band is the face x = X − 1, which uniform draws never reach (reference bounds): every point there came
        // from the band draw. 1,024 band voxels, 1,000 points, share 0.5 → exactly 500 distinct band points.
        var context = new PointSamplingContext(s_shape, borderVoxelIndices: FaceAtLastX(s_shape));
        var sampler = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { PointCount = 1000, Seed = 4 });

        var points = sampler.Sample(context);

        var fromBand = BandPoints(points);
        Assert.Equal(1000, points.Count);
        Assert.Equal(500, fromBand.Count);
        Assert.Equal(500, fromBand.Distinct().Count());
    }

    [Fact]
    public void Sample_SmallBand_TakesEveryBandVoxelOnceAndFillsUniformly()
    {
        var band = FaceAtLastX(s_shape)[..100];
        var context = new PointSamplingContext(s_shape, borderVoxelIndices: band);
        var sampler = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { PointCount = 1000, Seed = 4 });

        var points = sampler.Sample(context);

        Assert.Equal(1000, points.Count);
        var fromBand = BandPoints(points).Select(p => (int)s_shape.IndexOf(p.X, p.Y, p.Z)).Order();
        Assert.Equal(band, fromBand);
    }

    [Fact]
    public void Sample_NoBand_FallsBackToUniform()
    {
        var context = new PointSamplingContext(s_shape);
        var options = new BorderFocusedPointSamplerOptions { PointCount = 500, Seed = 6 };

        var points = new BorderFocusedPointSampler(options).Sample(context);

        Assert.Equal(500, points.Count);
        Assert.Empty(BandPoints(points)); // no band draw, and uniform never reaches x = X − 1
    }

    [Fact]
    public void Sample_RealBand_ShareOfBandPointsWithinTolerance()
    {
        var shape = new VolumeShape(48, 48, 48);
        var labels = TestMasks.Sphere(shape, (24, 24, 24), 8);
        var borderMap = BorderMap.Compute(labels);
        var context = new PointSamplingContext(labels, borderMap);
        var sampler = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { Seed = 10 });

        var points = sampler.Sample(context);

        // Uniform points land in the band too: expected share = 0.5 + 0.5 · (band fraction of the drawable grid).
        var drawable = new VolumeShape(47, 47, 47);
        var bandInDrawable = 0;
        for (var x = 0; x < 47; x++)
        {
            for (var y = 0; y < 47; y++)
            {
                for (var z = 0; z < 47; z++)
                {
                    bandInDrawable += borderMap[x, y, z];
                }
            }
        }

        var expected = 0.5 + (0.5 * bandInDrawable / drawable.VoxelCount);
        var inBand = Enumerable.Range(0, points.Count).Count(i => borderMap[points[i].X, points[i].Y, points[i].Z] == 1);
        Assert.InRange((double)inBand / points.Count, expected - 0.01, expected + 0.01);
    }

    [Fact]
    public void Sample_Shuffled_BandPointsSpreadOverTheSet()
    {
        var context = new PointSamplingContext(s_shape, borderVoxelIndices: FaceAtLastX(s_shape));
        var sampler = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { PointCount = 1000, Seed = 12 });

        var points = sampler.Sample(context);

        var inFirstHalf = Enumerable.Range(0, 500).Count(i => points[i].X == s_shape.X - 1);
        Assert.InRange(inFirstHalf, 200, 300); // 250 expected if shuffled; 500 if the band points came first
    }

    [Fact]
    public void Sample_SameSeed_SamePoints()
    {
        var labels = TestMasks.Sphere(s_shape, (8, 16, 16), 6);
        var context = new PointSamplingContext(labels, BorderMap.Compute(labels));
        var options = new BorderFocusedPointSamplerOptions { Seed = 21 };

        var a = new BorderFocusedPointSampler(options).Sample(context);
        var b = new BorderFocusedPointSampler(options).Sample(context);
        var c = new BorderFocusedPointSampler(options).Sample(context, new Random(22));

        Assert.Equal(a.Coordinates.ToArray(), b.Coordinates.ToArray());
        Assert.Equal(a.Labels.ToArray(), b.Labels.ToArray());
        Assert.NotEqual(a.Coordinates.ToArray(), c.Coordinates.ToArray());
    }

    [Fact]
    public void Sample_LabelledContext_LabelsMatchTheVolume()
    {
        var labels = TestMasks.Sphere(s_shape, (8, 16, 16), 6);
        var context = new PointSamplingContext(labels, BorderMap.Compute(labels));

        var points = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { Seed = 3 }).Sample(context);

        for (var i = 0; i < points.Count; i++)
        {
            Assert.Equal(labels[points[i].X, points[i].Y, points[i].Z], points.Labels.Span[i]);
        }

        Assert.Contains((byte)1, points.Labels.ToArray());
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.4, 6553)] // the reference's LiTS validation share: int(0.4 · 16384)
    [InlineData(0.5, 8192)]
    [InlineData(1.0, 16384)]
    public void BorderPointCount_TruncatesLikePythonInt(double share, int expected)
    {
        var sampler = new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { BorderShare = share });

        Assert.Equal(expected, sampler.BorderPointCount);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Constructor_ShareOutOfRange_Throws(double share)
    {
        var error = Assert.Throws<ValidationException>(() => new BorderFocusedPointSampler(new BorderFocusedPointSamplerOptions { BorderShare = share }));
        Assert.Contains(nameof(BorderFocusedPointSamplerOptions.BorderShare), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutReplacement_SmallPopulation_EveryElementEquallyLikely()
    {
        int[] population = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
        var shape = new VolumeShape(1, 1, 20);
        var random = new Random(5);
        var hits = new int[20];
        var coordinates = new int[9];
        for (var trial = 0; trial < 5000; trial++)
        {
            PointDraws.WithoutReplacement(population, 3, shape, random, coordinates);
            var drawn = new[] { coordinates[2], coordinates[5], coordinates[8] };
            Assert.Equal(3, drawn.Distinct().Count());
            foreach (var z in drawn)
            {
                hits[z]++;
            }
        }

        // Each element is in a 3-of-10 subset with probability 0.3: 1,500 of 5,000 (σ ≈ 32).
        Assert.All(hits[10..], h => Assert.InRange(h, 1350, 1650));
        Assert.All(hits[..10], h => Assert.Equal(0, h));
    }

    private static int[] FaceAtLastX(VolumeShape shape)
    {
        var face = new List<int>();
        for (var y = 0; y < shape.Y; y++)
        {
            for (var z = 0; z < shape.Z; z++)
            {
                face.Add((int)shape.IndexOf(shape.X - 1, y, z));
            }
        }

        return [.. face];
    }

    private static List<(int X, int Y, int Z)> BandPoints(PointSet points) =>
        [.. Enumerable.Range(0, points.Count).Select(i => points[i]).Where(p => p.X == points.Grid.X - 1)];
}
