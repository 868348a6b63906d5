// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class ZScoreNormalizationTests
{
    [Fact]
    public void Apply_EachChannel_HasMeanZeroAndUnbiasedStdOne()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(40, 30, 20), channels: 3);
        var result = new ZScoreNormalization().Apply(input);

        for (var c = 0; c < 3; c++)
        {
            var (mean, std) = MeanStd(result.Case.Image.Channel(c).Span);
            Assert.Equal(0, mean, 5);
            Assert.Equal(1, std, 5);
        }

        Assert.True(result.Step.IsIdentity);
        Assert.Same(input.Label, result.Case.Label);
    }

    [Fact]
    public void Apply_MatchesTorchFormula_OnKnownValues()
    {
        // torch: x = [1, 2, 3, 4]; (x - 2.5) / std(x) with std = sqrt(5/3) (unbiased)
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, 4));
        var input = new VolumeCase("k", new Volume(geometry, 1, new float[] { 1, 2, 3, 4 }));

        var output = new ZScoreNormalization().Apply(input).Case.Image.Voxels.ToArray();

        var std = Math.Sqrt(5.0 / 3.0);
        Assert.Equal((float)(-1.5 / std), output[0], 6);
        Assert.Equal((float)(1.5 / std), output[3], 6);
    }

    [Fact]
    public void Apply_ConstantChannel_GivesZerosNotNaN()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(3, 3, 3));
        var voxels = new float[2 * 27];
        Array.Fill(voxels, 0.1f);
        for (var i = 27; i < 54; i++)
        {
            voxels[i] = i;
        }

        var output = new ZScoreNormalization().Apply(new VolumeCase("c", new Volume(geometry, 2, voxels))).Case.Image;

        Assert.All(output.Channel(0).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(output.Channel(1).ToArray(), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Apply_NonZeroOnly_KeepsZerosAndNormalisesTheRest()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 2, 4));
        var input = new VolumeCase("nz", new Volume(geometry, 1, new float[] { 0, 0, 0, 0, 2, 4, 6, 8 }));

        var output = new ZScoreNormalization(nonZeroOnly: true).Apply(input).Case.Image.Voxels.ToArray();

        Assert.Equal([0f, 0f, 0f, 0f], output[..4]);
        var (mean, std) = MeanStd(output.AsSpan(4));
        Assert.Equal(0, mean, 6);
        Assert.Equal(1, std, 6);
    }

    [Fact]
    public void Apply_NaN_ThrowsNamingCaseAndChannel()
    {
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, 3));
        var input = new VolumeCase("bad-case", new Volume(geometry, 1, new float[] { 1, float.NaN, 2 }));

        var error = Assert.Throws<ArgumentException>(() => new ZScoreNormalization().Apply(input));
        Assert.Contains("bad-case", error.Message, StringComparison.Ordinal);
        Assert.Contains("channel 0", error.Message, StringComparison.Ordinal);
    }

    internal static (double Mean, double Std) MeanStd(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (var v in values)
        {
            sum += v;
        }

        var mean = sum / values.Length;
        double squares = 0;
        foreach (var v in values)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, Math.Sqrt(squares / (values.Length - 1)));
    }
}
