// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class CtWindowingTests
{
    private static readonly float[] s_hounsfield = [-1000, -100, -60, 40, 160, 700];

    [Fact]
    public void Apply_ClipsToWindow()
    {
        var output = Window(new CtWindowing(level: 50, width: 220));

        Assert.Equal([-60f, -60f, -60f, 40f, 160f, 160f], output);
    }

    [Fact]
    public void Apply_Rescale_MapsWindowOntoUnitRange()
    {
        var output = Window(new CtWindowing(level: 50, width: 220, rescaleToUnitRange: true));

        Assert.Equal(0f, output[0]);
        Assert.Equal(100f / 220f, output[3], 6);
        Assert.Equal(1f, output[5]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(double.NaN)]
    public void Constructor_BadWidth_Throws(double width)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CtWindowing(40, width));
    }

    private static float[] Window(CtWindowing window)
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, s_hounsfield.Length));
        var result = window.Apply(new VolumeCase("ct", new Volume(geometry, 1, (float[])s_hounsfield.Clone())));
        Assert.True(result.Step.IsIdentity);
        return result.Case.Image.Voxels.ToArray();
    }
}
