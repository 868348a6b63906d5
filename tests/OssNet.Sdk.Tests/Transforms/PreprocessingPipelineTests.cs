// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class PreprocessingPipelineTests
{
    private static readonly AffineMatrix s_lps = AffineMatrix.FromRows([-1.2, 0, 0, 80, 0, -1.2, 0, 100, 0, 0, 2.5, -40]);

    [Fact]
    public void Apply_ReorientNormalisePad_MapsMaskBackExactlyOntoTheOriginalGridAndAffine()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(13, 10, 7), channels: 2, affine: s_lps);
        var pipeline = new PreprocessingPipeline(new ReorientToCanonical(), new ZScoreNormalization(), new PadOrCropToShape(new VolumeShape(16, 16, 8)));

        var result = pipeline.Apply(input);

        Assert.Equal(new VolumeShape(16, 16, 8), result.Case.Image.Shape);
        var chain = Assert.IsType<GeometryChain>(result.Step);
        Assert.Equal(2, chain.Steps.Count); // z-score has no geometry
        var back = result.MapLabelsBack(result.Case.Label!);
        Assert.Same(input.Image.Geometry, back.Geometry);
        Assert.True(back.Labels.Span.SequenceEqual(input.Label!.Labels.Span));
        Assert.Equal(pipeline.Name, result.Case.Metadata[PreprocessingPipeline.MetadataKey]);
    }

    [Fact]
    public void Apply_WithDownscaleAndResample_MapsProbabilitiesBackWithHighDice()
    {
        var input = TestVolumes.BallCase(new VolumeShape(30, 26, 18));
        var pipeline = new PreprocessingPipeline(new ResampleToShape(new VolumeShape(40, 40, 24)), new PadOrCropToShape(new VolumeShape(44, 36, 24)), new DownscaleByTwo());

        var result = pipeline.Apply(input);
        var probabilities = result.MapProbabilitiesBack(result.Case.Image);
        var mask = probabilities.Voxels.ToArray().Select(p => p >= 0.5f ? (byte)1 : (byte)0).ToArray();

        Assert.Equal(input.Image.Geometry, probabilities.Geometry);
        Assert.True(TestVolumes.Dice(mask, input.Label!.Labels.Span) > 0.9);
    }

    [Fact]
    public void Apply_AffinesOfEveryStep_AgreeOnWorldPositions()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(12, 12, 8), affine: s_lps);
        var result = new PreprocessingPipeline(new ReorientToCanonical(), new PadOrCropToShape(new VolumeShape(14, 10, 8))).Apply(input);

        // Voxel (5, 6, 2) of the LPS input: reorientation flips X and Y, padding/cropping shifts them.
        var world = input.Image.Geometry.Affine.Transform(5, 6, 2);
        var (i, j, k) = result.Case.Image.Geometry.Affine.Inverse().Transform(world.X, world.Y, world.Z);
        var (ri, rj, rk) = ((int)Math.Round(i), (int)Math.Round(j), (int)Math.Round(k));
        Assert.Equal(input.Image[0, 5, 6, 2], result.Case.Image[0, ri, rj, rk]);
        Assert.Equal((11 - 5 + 1, 11 - 6 - 1, 2), (ri, rj, rk));
    }

    [Fact]
    public void GeometryChain_StepsThatDoNotConnect_Throw()
    {
        var a = TestVolumes.RandomCase(new VolumeShape(4, 4, 4));
        var b = TestVolumes.RandomCase(new VolumeShape(5, 5, 5));
        var stepA = new PadOrCropToShape(new VolumeShape(6, 6, 6)).Apply(a).Step;
        var stepB = new PadOrCropToShape(new VolumeShape(6, 6, 6)).Apply(b).Step;

        Assert.Throws<ArgumentException>(() => new GeometryChain(a.Image.Geometry, [stepA, stepB]));
    }

    [Fact]
    public void Apply_LabelOnAnotherGrid_ThrowsNamingCaseAndShapes()
    {
        var image = TestVolumes.RandomCase(new VolumeShape(4, 4, 4));
        var label = LabelVolume.Zeros(VolumeGeometry.Create(new VolumeShape(4, 4, 5)));
        var input = image with { Id = "mismatch", Label = label };

        var error = Assert.Throws<ArgumentException>(() => Preprocessing.BraTs2020().Apply(input));

        Assert.Contains("mismatch", error.Message, StringComparison.Ordinal);
        Assert.Contains("4×4×5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPipeline_IsIdentity()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(3, 3, 3));
        var result = new PreprocessingPipeline().Apply(input);

        Assert.True(result.Step.IsIdentity);
        Assert.Same(input.Image, result.Case.Image);
        Assert.Same(input.Image.Geometry, result.MapLabelsBack(input.Label!).Geometry);
    }
}
