// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class PreprocessingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void BraTs2020_OnTheBraTsGrid_NormalisesThenPadsTo256x256x160() =>
        AssertBraTsPreset(new VolumeShape(240, 240, 155), (8, 8, 3));

    [Fact]
    public void BraTs2020_SmallerInput_IsCentredOnThe256x256x160Grid() =>
        AssertBraTsPreset(new VolumeShape(120, 100, 75), (68, 78, 43));

    /// <summary>A 4-channel case with a bright block inside a zero background goes through the BraTS preset.</summary>
    private static void AssertBraTsPreset(VolumeShape shape, (int X, int Y, int Z) before)
    {
        var geometry = new VolumeGeometry(shape, (1, 1, 1), AffineMatrix.FromRows([-1, 0, 0, 0, 0, -1, 0, 239, 0, 0, 1, 0]));
        var voxels = new float[4 * shape.VoxelCount];
        for (var c = 0; c < 4; c++)
        {
            for (var x = shape.X / 4; x < 3 * shape.X / 4; x++)
            {
                for (var y = shape.Y / 4; y < 3 * shape.Y / 4; y++)
                {
                    voxels.AsSpan((int)((c * shape.VoxelCount) + shape.IndexOf(x, y, shape.Z / 4)), shape.Z / 2).Fill(100 + (50 * c));
                }
            }
        }

        var input = new VolumeCase("brats", new Volume(geometry, 4, voxels), LabelVolume.Zeros(geometry));

        var result = Preprocessing.BraTs2020().Apply(input);
        var output = result.Case.Image;

        Assert.Equal(new VolumeShape(256, 256, 160), output.Shape);
        Assert.Equal(before, PadOrCropToShape.BeforeFor(shape, output.Shape));
        Assert.Equal(0f, output[2, 0, 0, 0]);                                  // padding after normalisation is exactly 0 …
        var background = output[2, before.X, before.Y, before.Z];               // … the in-volume background is −mean/std (spec §8.16)
        Assert.True(background < -0.1f, $"background {background}");
        Assert.Equal(0f, output[2, before.X - 1, before.Y, before.Z]);
        TestVolumes.AssertWorldEqual(geometry.Affine.Transform(0, 0, 0), output.Geometry.Affine.Transform(before.X, before.Y, before.Z));
        var (mean, std) = ZScoreNormalizationTests.MeanStd(result.MapProbabilitiesBack(output).Channel(1).Span);
        Assert.Equal(0, mean, 4);
        Assert.Equal(1, std, 4);
    }

    [Fact]
    public void LiTs_SmallCube_ResizesImageAndLabelsWithLegacyNearest()
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Kind = PhantomKind.AbdomenLiver, Shape = new VolumeShape(48, 48, 32), Seed = 2 });

        var result = Preprocessing.LiTs(cubeSize: 40).Apply(phantom);

        Assert.Equal(new VolumeShape(40, 40, 40), result.Case.Image.Shape);
        Assert.Equal(new VolumeShape(40, 40, 40), result.Case.Label!.Shape);
        var labels = result.Case.Label.Labels.ToArray().Distinct().Order().ToArray();
        Assert.Subset(new HashSet<byte> { 0, 1, 2 }, labels.ToHashSet());
        Assert.Contains((byte)1, labels);
        var back = result.MapLabelsBack(result.Case.Label);
        Assert.True(TestVolumes.Dice(back.Labels.Span, phantom.Label!.Labels.Span) > 0.9);
    }

    [Fact]
    public void Presets_WithAugmentation_InsertItBetweenNormalisationAndGeometry()
    {
        var brats = Preprocessing.BraTs2020(new AugmentationOptions { Seed = 1 });
        var lits = Preprocessing.LiTs(augmentation: new AugmentationOptions { Seed = 1, NoiseStandardDeviation = 0 });

        Assert.Collection(
            brats.Transforms,
            t => Assert.IsType<ZScoreNormalization>(t),
            t => Assert.IsType<RandomInPlaneFlip>(t),
            t => Assert.IsType<RandomBrightnessShift>(t),
            t => Assert.IsType<RandomGaussianNoise>(t),
            t => Assert.Equal(Preprocessing.BraTs2020PaddedShape, Assert.IsType<PadOrCropToShape>(t).TargetShape));
        Assert.Equal(4, lits.Transforms.Count);
        Assert.Equal(LabelInterpolation.NearestPyTorchLegacy, Assert.IsType<ResampleToShape>(lits.Transforms[^1]).Labels);
        Assert.Equal(new VolumeShape(512, 512, 512), ((ResampleToShape)lits.Transforms[^1]).TargetShape);
    }
}
