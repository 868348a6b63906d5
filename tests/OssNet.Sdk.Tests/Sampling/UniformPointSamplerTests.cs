// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

public sealed class UniformPointSamplerTests
{
    private static readonly VolumeShape s_shape = new(4, 5, 6);

    [Fact]
    public void Sample_Defaults_ReferencePointCount()
    {
        var points = new UniformPointSampler(new PointSamplerOptions { Seed = 1 }).Sample(new PointSamplingContext(s_shape));

        Assert.Equal(16_384, points.Count);
        Assert.Equal(3 * 16_384, points.Coordinates.Length);
        Assert.False(points.HasLabels);
    }

    [Fact]
    public void Sample_SameSeed_SamePoints_OtherSeed_OtherPoints()
    {
        var context = new PointSamplingContext(new VolumeShape(64, 64, 40));

        var a = new UniformPointSampler(new PointSamplerOptions { Seed = 7 }).Sample(context);
        var b = new UniformPointSampler(new PointSamplerOptions { Seed = 7 }).Sample(context);
        var c = new UniformPointSampler(new PointSamplerOptions { Seed = 8 }).Sample(context);

        Assert.Equal(a.Coordinates.ToArray(), b.Coordinates.ToArray());
        Assert.NotEqual(a.Coordinates.ToArray(), c.Coordinates.ToArray());
    }

    [Fact]
    public void Sample_PerCallRandom_DeterministicAndIndependentOfOwnGenerator()
    {
        var sampler = new UniformPointSampler(new PointSamplerOptions { PointCount = 100 });
        var context = new PointSamplingContext(s_shape);

        var first = sampler.Sample(context, new Random(3));
        sampler.Sample(context); // advances only the sampler's own generator
        var second = sampler.Sample(context, new Random(3));

        Assert.Equal(first.Coordinates.ToArray(), second.Coordinates.ToArray());
    }

    [Fact]
    public void Sample_SeededSampler_SuccessiveCallsDiffer()
    {
        var sampler = new UniformPointSampler(new PointSamplerOptions { PointCount = 100, Seed = 5 });
        var context = new PointSamplingContext(s_shape);

        Assert.NotEqual(sampler.Sample(context).Coordinates.ToArray(), sampler.Sample(context).Coordinates.ToArray());
    }

    [Fact]
    public void Sample_Default_NeverDrawsTheLastIndexButCoversTheRest()
    {
        var points = new UniformPointSampler(new PointSamplerOptions { Seed = 2 }).Sample(new PointSamplingContext(s_shape));

        int[] sizes = [s_shape.X, s_shape.Y, s_shape.Z];
        for (var axis = 0; axis < 3; axis++)
        {
            var seen = Values(points, axis);
            Assert.Equal(Enumerable.Range(0, sizes[axis] - 1), seen); // 0 … S − 2, never S − 1
        }
    }

    [Fact]
    public void Sample_IncludeLastIndex_CoversTheWholeGrid()
    {
        var options = new PointSamplerOptions { Seed = 2, IncludeLastIndex = true };

        var points = new UniformPointSampler(options).Sample(new PointSamplingContext(s_shape));

        Assert.Equal(Enumerable.Range(0, s_shape.X), Values(points, 0));
        Assert.Equal(Enumerable.Range(0, s_shape.Z), Values(points, 2));
    }

    [Fact]
    public void Sample_SingleVoxelAxis_DrawsIndexZero()
    {
        var points = new UniformPointSampler(new PointSamplerOptions { PointCount = 50, Seed = 1 }).Sample(new PointSamplingContext(new VolumeShape(1, 3, 3)));

        Assert.Equal([0], Values(points, 0));
    }

    [Fact]
    public void Sample_LabelledContext_GathersBinaryLabels()
    {
        var shape = new VolumeShape(8, 8, 8);
        var labels = TestMasks.Box(shape, (0, 0, 0), (4, 8, 8));
        labels[1, 1, 1] = 4; // any label > 0 is foreground
        var sampler = new UniformPointSampler(new PointSamplerOptions { PointCount = 2000, Seed = 9 });

        var points = sampler.Sample(new PointSamplingContext(labels, borderMap: null));

        Assert.True(points.HasLabels);
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y, z) = points[i];
            Assert.Equal(labels[x, y, z] > 0 ? 1 : 0, points.Labels.Span[i]);
        }

        var foreground = points.Labels.ToArray().Count(v => v == 1);
        Assert.InRange(foreground, 1040, 1250); // x ∈ {0..3} of the drawable {0..6}: 4/7 of 2,000 ≈ 1,143 (σ ≈ 22)
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Constructor_InvalidPointCount_Throws(int count)
    {
        Assert.Throws<ValidationException>(() => new UniformPointSampler(new PointSamplerOptions { PointCount = count }));
    }

    private static int[] Values(PointSet points, int axis)
    {
        var coordinates = points.Coordinates.Span;
        var values = new SortedSet<int>();
        for (var i = axis; i < coordinates.Length; i += 3)
        {
            values.Add(coordinates[i]);
        }

        return [.. values];
    }
}
