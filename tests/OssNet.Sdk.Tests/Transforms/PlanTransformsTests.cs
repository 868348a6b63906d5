// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

/// <summary>The transforms a dataset plan adds: body crop, fit to a grid without cropping, per-channel normalisation.</summary>
public sealed class PlanTransformsTests
{
    [Fact]
    public void CropToForeground_KeepsTheNonZeroBoxPlusMargin_AndInvertsExactly()
    {
        var shape = new VolumeShape(20, 16, 12);
        var geometry = VolumeGeometry.Create(shape, 2, 1, 3);
        var image = Volume.Zeros(geometry, channels: 2);
        image[0, 5, 4, 3] = 7;   // channel 0 spans x 5..9
        image[1, 9, 10, 6] = -2; // channel 1 widens the box: y 4..10, z 3..6
        var labels = LabelVolume.Zeros(geometry);
        labels[6, 5, 4] = 3;

        var result = new CropToForeground(marginVoxels: 1).Apply(new VolumeCase("c", image, labels));

        Assert.Equal(new VolumeShape(7, 9, 6), result.Case.Image.Shape); // x 4..10, y 3..11, z 2..7
        Assert.Equal(7, result.Case.Image[0, 1, 1, 1]);
        Assert.Equal(geometry.Affine.Transform(4, 3, 2), result.Case.Image.Geometry.Affine.Transform(0, 0, 0));
        var back = result.MapLabelsBack(result.Case.Label!);
        Assert.Equal(labels.Labels.ToArray(), back.Labels.ToArray());
        Assert.Equal(geometry, back.Geometry);
    }

    [Fact]
    public void CropToForeground_EmptyImage_PassesThrough()
    {
        var empty = new VolumeCase("e", Volume.Zeros(VolumeGeometry.Create(new VolumeShape(4, 4, 4))));

        var result = new CropToForeground(2).Apply(empty);

        Assert.True(result.Step.IsIdentity);
        Assert.Same(empty, result.Case);
    }

    [Fact]
    public void FitToGrid_LargerCase_IsShrunkKeepingProportions_ThenPadded_NeverCropped()
    {
        var shape = new VolumeShape(100, 50, 20);
        var geometry = VolumeGeometry.Create(shape);
        var image = Volume.Zeros(geometry);
        image.Voxels.Span.Fill(1);
        var labels = LabelVolume.Zeros(geometry);
        labels.Labels.Span.Fill(1);

        var fit = new FitToGrid(new VolumeShape(64, 64, 64));
        var result = fit.Apply(new VolumeCase("big", image, labels));

        Assert.Equal(new VolumeShape(64, 32, 13), fit.FittedShapeOf(shape)); // ×0.64 on every axis: 64, 32, 12.8 → 13
        Assert.Equal(new VolumeShape(64, 64, 64), result.Case.Image.Shape);
        Assert.Equal(64L * 32 * 13, result.Case.Label!.CountForeground()); // every voxel kept, none cropped
        Assert.Equal(50.0 / 32, result.Case.Image.Geometry.Spacing.Y, 9);
        var back = result.MapLabelsBack(result.Case.Label);
        Assert.Equal(shape, back.Shape);
        Assert.Equal(shape.VoxelCount, back.CountForeground());
    }

    [Fact]
    public void FitToGrid_SmallerCase_IsCentredByPadding()
    {
        var image = Volume.Zeros(VolumeGeometry.Create(new VolumeShape(30, 32, 1)));
        image.Voxels.Span.Fill(5);

        var result = new FitToGrid(new VolumeShape(32, 32, 32), padValue: -1).Apply(new VolumeCase("s", image));

        Assert.Equal(-1, result.Case.Image[0, 0, 0, 0]);
        Assert.Equal(5, result.Case.Image[0, 1, 0, 16]);
        Assert.Equal(-1, result.Case.Image[0, 31, 0, 16]);
        Assert.Equal(-1, result.Case.Image[0, 1, 0, 15]);
    }

    [Fact]
    public void ResampleToSpacing_MaxShape_ShrinksInTheSamePass()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(100, 40, 10));

        Assert.Equal(new VolumeShape(50, 20, 5), new ResampleToSpacing((2, 2, 2)).ShapeFor(geometry));
        Assert.Equal(new VolumeShape(32, 13, 3), new ResampleToSpacing((2, 2, 2), maxShape: new VolumeShape(32, 32, 32)).ShapeFor(geometry));
    }

    [Fact]
    public void IntensityNormalization_ForegroundZScorePerCase_AndClippedZScoreWithFixedStatistics()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, 5));
        float[] voxels = [0, 10, 20, 30, 0, /* channel 1 (CT) */ -1000, -50, 0, 40, 3000];
        var normalization = new IntensityNormalization([ChannelNormalization.ForegroundZScore, ChannelNormalization.Clipped(-100, 100, 20, 50)]);

        var output = normalization.Apply(new VolumeCase("n", new Volume(geometry, 2, voxels))).Case.Image.Voxels.ToArray();

        // Channel 0: foreground 10, 20, 30 → mean 20, unbiased std 10; zeros stay 0.
        Assert.Equal([0f, -1f, 0f, 1f, 0f], output[..5]);

        // Channel 1: clip to [−100, 100], then (x − 20) / 50.
        Assert.Equal([-2.4f, -1.4f, -0.4f, 0.4f, 1.6f], output[5..].Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void IntensityNormalization_WrongChannelCountOrParameters_AreRejected()
    {
        var normalization = new IntensityNormalization([ChannelNormalization.ForegroundZScore]);
        var twoChannels = new VolumeCase("two", Volume.Zeros(VolumeGeometry.Create(new VolumeShape(2, 2, 2)), 2));

        Assert.Contains("has 2 channel(s); the normalisation was planned for 1", Assert.Throws<ArgumentException>(() => normalization.Apply(twoChannels)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new IntensityNormalization([ChannelNormalization.Clipped(0, 1, 0, 0)]));
        Assert.Throws<ArgumentException>(() => new IntensityNormalization([new ChannelNormalization(IntensityNormalizationScheme.ClippedZScore)]));
    }
}
