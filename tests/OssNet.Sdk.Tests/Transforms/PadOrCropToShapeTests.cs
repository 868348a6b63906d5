// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class PadOrCropToShapeTests
{
    [Fact]
    public void BeforeFor_BraTsToPaddedGrid_IsTheReferenceSplit()
    {
        var before = PadOrCropToShape.BeforeFor(new VolumeShape(240, 240, 155), new VolumeShape(256, 256, 160));

        Assert.Equal((8, 8, 3), before); // after: 8, 8, 2
    }

    [Theory]
    [InlineData(10, 15, 3)]   // pad 5: 3 before, 2 after
    [InlineData(10, 16, 3)]   // pad 6: 3 / 3
    [InlineData(15, 10, -3)]  // crop 5: 3 before, 2 after (exact inverse of the pad)
    [InlineData(16, 10, -3)]
    [InlineData(10, 10, 0)]
    public void BeforeFor_Axis_CeilBeforeFloorAfter(int source, int target, int expected)
    {
        Assert.Equal(expected, PadOrCropToShape.BeforeFor(new VolumeShape(source, 4, 4), new VolumeShape(target, 4, 4)).X);
    }

    [Fact]
    public void Apply_Pad_MovesVoxelsAndFillsPadValue()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(4, 5, 3), channels: 2);
        var result = new PadOrCropToShape(new VolumeShape(7, 5, 6), padValue: -7).Apply(input);

        var image = result.Case.Image;
        Assert.Equal(new VolumeShape(7, 5, 6), image.Shape);
        Assert.Equal(input.Image[1, 2, 3, 1], image[1, 2 + 2, 3, 1 + 2]); // before = (2, 0, 2)
        Assert.Equal(-7f, image[0, 0, 0, 0]);
        Assert.Equal(-7f, image[1, 6, 4, 5]);
        Assert.Equal(0, result.Case.Label![0, 0, 0]);
        Assert.Equal(input.Label![3, 4, 2], result.Case.Label[5, 4, 4]);
    }

    [Fact]
    public void Apply_PadCropMixed_PreservesWorldPositionOfEveryKeptVoxel()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(6, 9, 5), channels: 1);
        var result = new PadOrCropToShape(new VolumeShape(9, 6, 5)).Apply(input); // pad X by 3 (2|1), crop Y by 3 (2|1)
        var before = (X: 2, Y: -2, Z: 0);

        for (var x = 0; x < 6; x++)
        {
            for (var y = 2; y < 8; y++)
            {
                for (var z = 0; z < 5; z++)
                {
                    var (tx, ty, tz) = (x + before.X, y + before.Y, z + before.Z);
                    Assert.Equal(input.Image[0, x, y, z], result.Case.Image[0, tx, ty, tz]);
                    TestVolumes.AssertWorldEqual(
                        input.Image.Geometry.Affine.Transform(x, y, z),
                        result.Case.Image.Geometry.Affine.Transform(tx, ty, tz));
                }
            }
        }

        Assert.Equal(input.Image.Geometry.Spacing, result.Case.Image.Geometry.Spacing);
    }

    [Fact]
    public void InvertLabelsAndProbabilities_AfterPad_AreExactlyTheOriginal()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(11, 8, 5), channels: 3);
        var result = new PadOrCropToShape(new VolumeShape(16, 16, 10)).Apply(input);

        var labels = result.MapLabelsBack(result.Case.Label!);
        var values = result.MapProbabilitiesBack(result.Case.Image);

        Assert.True(labels.Labels.Span.SequenceEqual(input.Label!.Labels.Span));
        Assert.True(values.Voxels.Span.SequenceEqual(input.Image.Voxels.Span));
        Assert.Same(input.Image.Geometry, labels.Geometry);
        Assert.Same(input.Image.Geometry, values.Geometry);
    }

    [Fact]
    public void InvertLabels_AfterCrop_RestoresKeptRegionAndZeroesTheRest()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(10, 10, 10), channels: 1);
        var result = new PadOrCropToShape(new VolumeShape(6, 10, 10)).Apply(input); // crop X: 2 before, 2 after

        var back = result.MapLabelsBack(result.Case.Label!);

        for (var x = 0; x < 10; x++)
        {
            var expected = x is >= 2 and < 8 ? input.Label![x, 3, 4] : (byte)0;
            Assert.Equal(expected, back[x, 3, 4]);
        }
    }

    [Fact]
    public void InvertLabels_WrongShape_ThrowsNamingBothShapes()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(4, 4, 4));
        var result = new PadOrCropToShape(new VolumeShape(6, 6, 6)).Apply(input);

        var error = Assert.Throws<ArgumentException>(() => result.MapLabelsBack(input.Label!));
        Assert.Contains("4×4×4", error.Message, StringComparison.Ordinal);
        Assert.Contains("6×6×6", error.Message, StringComparison.Ordinal);
    }
}
