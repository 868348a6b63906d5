// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class ReorientToCanonicalTests
{
    public static TheoryData<string, double[]> Orientations => new()
    {
        { "LPS", [-1.5, 0, 0, 90, 0, -1.2, 0, 120, 0, 0, 2, -60] },
        { "LAI", [-1, 0, 0, 10, 0, 1.1, 0, -20, 0, 0, -3, 40] },
        { "AIL", [0, 0, -2, 10, 1, 0, 0, 20, 0, -3, 0, 30] },
        { "SRP", [0, 1.5, 0, -5, 0, 0, -1, 8, 2.5, 0, 0, 3] },
    };

    [Theory]
    [MemberData(nameof(Orientations))]
    public void Apply_ToRas_PreservesTheWorldPositionAndValueOfEveryVoxel(string code, double[] rows)
    {
        var affine = AffineMatrix.FromRows(rows);
        Assert.Equal(code, affine.OrientationCode);
        var input = TestVolumes.RandomCase(new VolumeShape(5, 4, 3), channels: 2, affine: affine);

        var result = new ReorientToCanonical().Apply(input);
        var output = result.Case.Image;

        Assert.Equal("RAS", output.Geometry.OrientationCode);
        var inverse = output.Geometry.Affine.Inverse();
        for (var x = 0; x < 5; x++)
        {
            for (var y = 0; y < 4; y++)
            {
                for (var z = 0; z < 3; z++)
                {
                    var world = affine.Transform(x, y, z);
                    var (i, j, k) = inverse.Transform(world.X, world.Y, world.Z);
                    var (ri, rj, rk) = ((int)Math.Round(i), (int)Math.Round(j), (int)Math.Round(k));
                    Assert.True(Math.Abs(i - ri) + Math.Abs(j - rj) + Math.Abs(k - rk) < 1e-9, $"voxel ({x},{y},{z}) lands between voxels");
                    Assert.Equal(input.Image[1, x, y, z], output[1, ri, rj, rk]);
                    Assert.Equal(input.Label![x, y, z], result.Case.Label![ri, rj, rk]);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void InvertLabelsAndProbabilities_RestoreTheOriginalExactly(string code, double[] rows)
    {
        var input = TestVolumes.RandomCase(new VolumeShape(6, 5, 4), channels: 3, affine: AffineMatrix.FromRows(rows));

        var result = new ReorientToCanonical().Apply(input);

        Assert.Contains(code, result.Step.Description, StringComparison.Ordinal);
        Assert.True(result.MapLabelsBack(result.Case.Label!).Labels.Span.SequenceEqual(input.Label!.Labels.Span));
        var back = result.MapProbabilitiesBack(result.Case.Image);
        Assert.True(back.Voxels.Span.SequenceEqual(input.Image.Voxels.Span));
        Assert.Equal(input.Image.Geometry, back.Geometry);
    }

    [Fact]
    public void Apply_SpacingFollowsItsAxis()
    {
        var affine = AffineMatrix.FromRows([0, 0, -2, 10, 1, 0, 0, 20, 0, -3, 0, 30]); // AIL: i→A (1 mm), j→I (3 mm), k→L (2 mm)
        var input = TestVolumes.RandomCase(new VolumeShape(5, 4, 3), affine: affine);

        var output = new ReorientToCanonical().Apply(input).Case.Image.Geometry;

        Assert.Equal(new VolumeShape(3, 5, 4), output.Shape);
        Assert.Equal((2.0, 1.0, 3.0), output.Spacing);
    }

    [Fact]
    public void Apply_AlreadyRas_ReturnsTheInputWithIdentityStep()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(3, 3, 3), affine: AffineMatrix.Diagonal(1, 2, 3, 4, 5, 6));

        var result = new ReorientToCanonical().Apply(input);

        Assert.Same(input, result.Case);
        Assert.True(result.Step.IsIdentity);
    }
}
