// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class DownscaleByTwoTests
{
    [Fact]
    public void Apply_Image_IsExactMeanOfEachCell()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(6, 4, 8), channels: 2);
        var output = new DownscaleByTwo().Apply(input).Case.Image;

        Assert.Equal(new VolumeShape(3, 2, 4), output.Shape);
        for (var c = 0; c < 2; c++)
        {
            for (var x = 0; x < 3; x++)
            {
                for (var y = 0; y < 2; y++)
                {
                    for (var z = 0; z < 4; z++)
                    {
                        double sum = 0;
                        for (var d = 0; d < 8; d++)
                        {
                            sum += input.Image[c, (2 * x) + (d >> 2), (2 * y) + ((d >> 1) & 1), (2 * z) + (d & 1)];
                        }

                        Assert.Equal((float)(sum / 8), output[c, x, y, z]);
                    }
                }
            }
        }
    }

    [Fact]
    public void Apply_OddSizes_DropTheLastPlane()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(5, 7, 3), channels: 1);
        var output = new DownscaleByTwo().Apply(input).Case;

        Assert.Equal(new VolumeShape(2, 3, 1), output.Image.Shape);
        Assert.Equal(new VolumeShape(2, 3, 1), output.Label!.Shape);
    }

    [Fact]
    public void Apply_Geometry_CoarseVoxelCentreIsTheCellCentre()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(8, 6, 4));
        var output = new DownscaleByTwo().Apply(input).Case.Image.Geometry;

        var fine = input.Image.Geometry.Affine;
        var a = fine.Transform(2, 4, 0);
        var b = fine.Transform(3, 5, 1);
        TestVolumes.AssertWorldEqual(((a.X + b.X) / 2, (a.Y + b.Y) / 2, (a.Z + b.Z) / 2), output.Affine.Transform(1, 2, 0));
        Assert.Equal(2 * input.Image.Geometry.Spacing.X, output.Spacing.X, 12);
        Assert.Equal(2 * input.Image.Geometry.Spacing.Z, output.Spacing.Z, 12);
    }

    [Theory]
    [InlineData(LabelReduction.Max, new byte[] { 0, 0, 0, 0, 0, 0, 0, 2 }, 2)]
    [InlineData(LabelReduction.Max, new byte[] { 1, 4, 0, 0, 2, 0, 0, 0 }, 4)]
    [InlineData(LabelReduction.Majority, new byte[] { 0, 0, 0, 0, 0, 0, 0, 2 }, 0)]
    [InlineData(LabelReduction.Majority, new byte[] { 1, 1, 1, 0, 0, 2, 2, 4 }, 1)]
    [InlineData(LabelReduction.Majority, new byte[] { 1, 1, 1, 1, 0, 0, 0, 0 }, 1)] // tie → larger label
    public void Apply_Labels_ReduceByRule(LabelReduction rule, byte[] cell, byte expected)
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(2, 2, 2));
        var input = new VolumeCase("cell", Volume.Zeros(geometry), new LabelVolume(geometry, cell));

        Assert.Equal(expected, new DownscaleByTwo(rule).Apply(input).Case.Label![0, 0, 0]);
    }

    [Fact]
    public void InvertLabels_GiveEachFineVoxelItsCoarseParent()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(8, 6, 5));
        var result = new DownscaleByTwo().Apply(input);
        var coarse = result.Case.Label!;

        var back = result.MapLabelsBack(coarse);

        Assert.Equal(input.Label!.Shape, back.Shape);
        for (var x = 0; x < 8; x++)
        {
            for (var z = 0; z < 5; z++)
            {
                Assert.Equal(coarse[x / 2, 1, Math.Min(z / 2, 1)], back[x, 3, z]);
            }
        }
    }

    [Fact]
    public void InvertProbabilities_OfAConstant_IsTheConstant()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(8, 8, 8));
        var input = new VolumeCase("c", Volume.Zeros(geometry));
        var result = new DownscaleByTwo().Apply(input);
        var coarse = Volume.Zeros(result.Case.Image.Geometry);
        coarse.Voxels.Span.Fill(0.75f);

        var back = result.MapProbabilitiesBack(coarse);

        Assert.All(back.Voxels.ToArray(), v => Assert.Equal(0.75f, v, 6));
    }
}
