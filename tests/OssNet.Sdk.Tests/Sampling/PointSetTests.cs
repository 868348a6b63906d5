// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

public sealed class PointSetTests
{
    private static readonly VolumeShape s_grid = new(4, 5, 6);

    [Fact]
    public void Constructor_CoordinateOutsideGrid_ThrowsNamingThePoint()
    {
        var error = Assert.Throws<ArgumentException>(() => new PointSet(s_grid, new[] { 0, 0, 0, 3, 5, 0 }));

        Assert.Contains("Point 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("(3, 5, 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NotTriples_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PointSet(s_grid, new int[4]));
    }

    [Fact]
    public void Constructor_LabelCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PointSet(s_grid, new int[6], new byte[3]));
    }

    [Fact]
    public void Coordinates_AreTheGivenArray_NoCopy()
    {
        var coordinates = new[] { 1, 2, 3, 3, 4, 5 };

        var points = new PointSet(s_grid, coordinates);

        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray<int>(points.Coordinates, out var segment));
        Assert.Same(coordinates, segment.Array);
        Assert.Equal((3, 4, 5), points[1]);
        Assert.Equal(s_grid.IndexOf(3, 4, 5), points.LinearIndexOf(1));
    }

    [Fact]
    public void WithLabelsFrom_GathersBinaryLabels()
    {
        var labels = TestMasks.Empty(s_grid);
        labels[1, 2, 3] = 2;
        var points = new PointSet(s_grid, new[] { 1, 2, 3, 0, 0, 0 });

        var labelled = points.WithLabelsFrom(labels);

        Assert.Equal(new byte[] { 1, 0 }, labelled.Labels.ToArray());
        Assert.False(points.HasLabels);
    }

    [Fact]
    public void WithLabelsFrom_OtherShape_Throws()
    {
        var points = new PointSet(s_grid, new[] { 0, 0, 0 });

        Assert.Throws<ArgumentException>(() => points.WithLabelsFrom(TestMasks.Empty(new VolumeShape(4, 5, 7))));
    }

    [Fact]
    public void SamplingContext_BorderMap_BuildsAscendingIndices()
    {
        var labels = TestMasks.Empty(s_grid);
        var border = TestMasks.Empty(s_grid);
        border[3, 0, 0] = 1;
        border[0, 1, 2] = 1;

        var context = new PointSamplingContext(labels, border);

        Assert.Equal(new[] { (int)s_grid.IndexOf(0, 1, 2), (int)s_grid.IndexOf(3, 0, 0) }, context.BorderVoxelIndices.ToArray());
    }

    [Fact]
    public void SamplingContext_BorderMapOfOtherShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => new PointSamplingContext(TestMasks.Empty(s_grid), TestMasks.Empty(new VolumeShape(4, 5, 7))));
    }
}
