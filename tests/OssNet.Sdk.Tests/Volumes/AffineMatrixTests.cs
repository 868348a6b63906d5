// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Volumes;

public sealed class AffineMatrixTests
{
    [Theory]
    [InlineData(1, 1, 1, "RAS")]
    [InlineData(-1, -1, 1, "LPS")]
    [InlineData(-1, 1, -1, "LAI")]
    public void OrientationCode_DiagonalAffines_MatchesSigns(double sx, double sy, double sz, string expected)
    {
        Assert.Equal(expected, AffineMatrix.Diagonal(sx, sy, sz).OrientationCode);
    }

    [Fact]
    public void OrientationCode_PermutedAxes_NamesEachAxisWorldDirection()
    {
        // i → anterior, j → inferior, k → left
        var affine = AffineMatrix.FromRows([0, 0, -2, 10, 1, 0, 0, 20, 0, -3, 0, 30]);
        Assert.Equal("AIL", affine.OrientationCode);
    }

    [Fact]
    public void Inverse_ObliqueAffine_MultipliesToIdentity()
    {
        var angle = 0.3;
        var affine = AffineMatrix.FromRows(
        [
            Math.Cos(angle) * 0.9, -Math.Sin(angle) * 1.1, 0, -90,
            Math.Sin(angle) * 0.9, Math.Cos(angle) * 1.1, 0, 126,
            0, 0, 2.5, -72,
        ]);

        var product = affine.Multiply(affine.Inverse());

        Assert.True(product.ApproximatelyEquals(AffineMatrix.Identity, 1e-12), product.ToString());
        var (x, y, z) = affine.ColumnNorms;
        Assert.Equal(0.9, x, 12);
        Assert.Equal(1.1, y, 12);
        Assert.Equal(2.5, z, 12);
    }

    [Fact]
    public void Transform_VoxelIndex_AppliesLinearPartAndTranslation()
    {
        var affine = AffineMatrix.Diagonal(2, 3, 4, 10, 20, 30);
        Assert.Equal((12.0, 26.0, 42.0), affine.Transform(1, 2, 3));
    }

    [Fact]
    public void FromRows_NonFiniteValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => AffineMatrix.FromRows([double.NaN, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]));
    }

    [Fact]
    public void VolumeIndexer_UsesZFastestLayout()
    {
        var volume = Volume.Zeros(VolumeGeometry.Create(new VolumeShape(2, 3, 4)), channels: 2);
        volume[1, 1, 2, 3] = 7;
        var flatIndex = (((1 * 2) + 1) * 3 + 2) * 4 + 3;
        Assert.Equal(7, volume.Voxels.Span[flatIndex]);
    }
}
