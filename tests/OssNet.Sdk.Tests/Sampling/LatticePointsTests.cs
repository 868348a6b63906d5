// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

public sealed class LatticePointsTests
{
    [Fact]
    public void Stride_BraTsStage1_163840PointsInZFastestOrder()
    {
        var shape = new VolumeShape(256, 256, 160);

        var lattice = LatticePoints.Stride(shape, 4);

        Assert.Equal(163_840, lattice.Count);
        Assert.Equal(163_840, LatticePoints.Count(shape, 4));
        Assert.Equal((0, 0, 0), lattice[0]);
        Assert.Equal((0, 0, 4), lattice[1]);
        Assert.Equal((0, 4, 0), lattice[40]);
        Assert.Equal((4, 0, 0), lattice[64 * 40]);
        Assert.Equal((252, 252, 156), lattice[lattice.Count - 1]);
    }

    [Fact]
    public void Stride_SizeNotMultipleOfStride_IncludesTheLastPartialStep()
    {
        var lattice = LatticePoints.Stride(new VolumeShape(5, 3, 1), 2);

        // x ∈ {0, 2, 4}, y ∈ {0, 2}, z ∈ {0}
        Assert.Equal(6, lattice.Count);
        Assert.Equal((4, 2, 0), lattice[5]);
    }

    [Fact]
    public void Stride_One_EnumeratesEveryVoxelInLinearOrder()
    {
        var shape = new VolumeShape(3, 4, 5);

        var lattice = LatticePoints.Stride(shape, 1);

        Assert.Equal(60, lattice.Count);
        Assert.All(Enumerable.Range(0, 60), i => Assert.Equal(i, lattice.LinearIndexOf(i)));
    }

    [Fact]
    public void Stride_NonPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatticePoints.Stride(new VolumeShape(2, 2, 2), 0));
    }

    [Fact]
    public void FromMask_ReturnsForegroundVoxelsInLinearOrder()
    {
        var mask = TestMasks.Empty(new VolumeShape(3, 3, 3));
        mask[2, 0, 1] = 1;
        mask[0, 1, 2] = 5;

        var points = LatticePoints.FromMask(mask);

        Assert.Equal(2, points.Count);
        Assert.Equal((0, 1, 2), points[0]);
        Assert.Equal((2, 0, 1), points[1]);
    }
}
