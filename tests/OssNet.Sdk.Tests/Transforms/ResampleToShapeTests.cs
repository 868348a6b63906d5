// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class ResampleToShapeTests
{
    [Theory]
    [InlineData(12, 10, 8, 20, 15, 13)] // up
    [InlineData(20, 16, 12, 9, 7, 10)]  // down and mixed
    public void Apply_LinearRamp_IsExactInTheInterior(int sx, int sy, int sz, int tx, int ty, int tz)
    {
        var source = new VolumeShape(sx, sy, sz);
        var geometry = TestVolumes.Geometry(source);
        var voxels = new float[source.VoxelCount];
        for (var x = 0; x < sx; x++)
        {
            for (var y = 0; y < sy; y++)
            {
                for (var z = 0; z < sz; z++)
                {
                    voxels[source.IndexOf(x, y, z)] = Ramp(x, y, z);
                }
            }
        }

        var output = new ResampleToShape(new VolumeShape(tx, ty, tz)).Apply(new VolumeCase("ramp", new Volume(geometry, 1, voxels))).Case.Image;

        var checkedVoxels = 0;
        for (var x = 0; x < tx; x++)
        {
            for (var y = 0; y < ty; y++)
            {
                for (var z = 0; z < tz; z++)
                {
                    // align_corners=False: the target voxel centre sits at source coordinate (i + 0.5)·in/out − 0.5.
                    var (u, v, w) = (Source(x, sx, tx), Source(y, sy, ty), Source(z, sz, tz));
                    if (u < 0 || v < 0 || w < 0 || u > sx - 1 || v > sy - 1 || w > sz - 1)
                    {
                        continue; // border voxels are clamped, as in PyTorch
                    }

                    Assert.Equal(Ramp(u, v, w), output[0, x, y, z], 3);
                    checkedVoxels++;
                }
            }
        }

        Assert.True(checkedVoxels > tx * ty * tz / 3, $"only {checkedVoxels} interior voxels checked");
    }

    [Fact]
    public void Apply_Geometry_KeepsEveryVoxelCentreInPlace()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(10, 12, 6));
        var output = new ResampleToShape(new VolumeShape(25, 8, 9)).Apply(input).Case.Image.Geometry;

        // Target voxel (i, j, k) reads source coordinate (i + 0.5)·in/out − 0.5: both affines must put it at one place.
        TestVolumes.AssertWorldEqual(
            input.Image.Geometry.Affine.Transform(Source(7, 10, 25), Source(3, 12, 8), Source(5, 6, 9)),
            output.Affine.Transform(7, 3, 5));
        Assert.Equal(input.Image.Geometry.Spacing.X * 10 / 25, output.Spacing.X, 12);
    }

    [Fact]
    public void Apply_LegacyNearest_UsesFloorOfScaledIndex()
    {
        // PyTorch F.interpolate(size=8, mode="nearest") on 5 values picks floor(i · 5/8) = 0 0 1 1 2 3 3 4.
        var geometry = VolumeGeometry.Create(new VolumeShape(1, 1, 5));
        var labels = new byte[] { 10, 11, 12, 13, 14 };
        var input = new VolumeCase("n", Volume.Zeros(geometry), new LabelVolume(geometry, labels));

        var legacy = new ResampleToShape(new VolumeShape(1, 1, 8), LabelInterpolation.NearestPyTorchLegacy).Apply(input).Case.Label!;
        var centred = new ResampleToShape(new VolumeShape(1, 1, 8)).Apply(input).Case.Label!;

        Assert.Equal(new byte[] { 10, 10, 11, 11, 12, 13, 13, 14 }, legacy.Labels.ToArray());
        Assert.Equal(new byte[] { 10, 10, 11, 12, 12, 13, 14, 14 }, centred.Labels.ToArray()); // floor((i + 0.5)·5/8)
    }

    [Fact]
    public void InvertLabels_OfAResampledMask_HasDiceAboveNinetyFivePercent()
    {
        var input = TestVolumes.BallCase(new VolumeShape(48, 44, 32), radiusFraction: 0.4);
        var result = new ResampleToShape(new VolumeShape(37, 61, 25)).Apply(input);

        var labels = result.MapLabelsBack(result.Case.Label!);
        var probabilities = result.MapProbabilitiesBack(result.Case.Image);
        var thresholded = probabilities.Voxels.ToArray().Select(p => p >= 0.5f ? (byte)1 : (byte)0).ToArray();

        Assert.Equal(input.Label!.Geometry, labels.Geometry);
        var labelDice = TestVolumes.Dice(labels.Labels.Span, input.Label.Labels.Span);
        var probabilityDice = TestVolumes.Dice(thresholded, input.Label.Labels.Span);
        Assert.True(labelDice > 0.95, $"label Dice {labelDice}");
        Assert.True(probabilityDice > 0.95, $"probability Dice {probabilityDice}");
    }

    [Fact]
    public void InvertLabels_AfterExactUpsamplingByTwo_AreExactlyTheOriginal()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(7, 6, 5));
        var result = new ResampleToShape(new VolumeShape(14, 12, 10)).Apply(input);

        Assert.True(result.MapLabelsBack(result.Case.Label!).Labels.Span.SequenceEqual(input.Label!.Labels.Span));
    }

    [Fact]
    public void Apply_SameShape_IsIdentity()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(4, 4, 4));
        var result = new ResampleToShape(new VolumeShape(4, 4, 4)).Apply(input);

        Assert.Same(input, result.Case);
        Assert.True(result.Step.IsIdentity);
    }

    [Fact]
    public void ResampleToSpacing_ComputesShapeAndCarriesActualSpacing()
    {
        var geometry = new VolumeGeometry(new VolumeShape(100, 80, 33), (0.8, 0.8, 5), AffineMatrix.Diagonal(0.8, 0.8, 5));
        var input = new VolumeCase("s", Volume.Zeros(geometry));
        var transform = new ResampleToSpacing((1.6, 1.0, 2.5));

        var output = transform.Apply(input).Case.Image.Geometry;

        Assert.Equal(new VolumeShape(50, 64, 66), output.Shape);
        Assert.Equal(1.6, output.Spacing.X, 12);
        Assert.Equal(1.0, output.Spacing.Y, 12);
        Assert.Equal(2.5, output.Spacing.Z, 12);
        Assert.Equal((1.6, 1.0, 2.5), (Math.Round(output.Affine.ColumnNorms.X, 12), Math.Round(output.Affine.ColumnNorms.Y, 12), Math.Round(output.Affine.ColumnNorms.Z, 12)));
    }

    private static float Ramp(double x, double y, double z) => (float)((3 * x) - (2 * y) + (0.5 * z) + 7);

    private static double Source(int target, int sourceCount, int targetCount) => ((target + 0.5) * sourceCount / targetCount) - 0.5;
}
