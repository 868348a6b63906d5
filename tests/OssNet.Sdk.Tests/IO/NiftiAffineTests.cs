// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class NiftiAffineTests : IDisposable
{
    private static readonly double s_half = Math.Sqrt(0.5);
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, int, int, double[], double[], double[], double[]> QformCases() => new()
    {
        // name, version, qfac, pixdim[1..3], quatern b c d, qoffset, expected rows (12)
        { "identity rotation", 1, 1, [2, 3, 4], [0, 0, 0], [10, 20, 30], [2, 0, 0, 10, 0, 3, 0, 20, 0, 0, 4, 30] },
        { "90° about z", 1, 1, [2, 3, 4], [0, 0, s_half], [-5, 0, 7], [0, -3, 0, -5, 2, 0, 0, 0, 0, 0, 4, 7] },
        { "qfac -1 flips k", 1, -1, [2, 3, 4], [0, 0, 0], [0, 0, 0], [2, 0, 0, 0, 0, 3, 0, 0, 0, 0, -4, 0] },
        { "180° about x (a = 0)", 1, 1, [1, 1, 1], [1, 0, 0], [0, 0, 0], [1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0] },
        { "90° about x, NIfTI-2", 2, 1, [1, 2, 3], [s_half, 0, 0], [1, 2, 3], [1, 0, 0, 1, 0, 0, -3, 2, 0, 2, 0, 3] },
        { "non-positive pixdim read as 1", 1, 1, [0, -2, 1], [0, 0, 0], [0, 0, 0], [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0] },
    };

    [Theory]
    [MemberData(nameof(QformCases))]
    public async Task ReadHeader_QformOnly_BuildsAffineFromQuaternion(string name, int version, int qfac, double[] pixdim, double[] quatern, double[] offset, double[] expected)
    {
        var builder = new NiftiFileBuilder
        {
            Version = version,
            QformCode = 1,
            SformCode = 0,
            Pixdim = [qfac, pixdim[0], pixdim[1], pixdim[2], 1, 1, 1, 1],
            Quatern = [.. quatern, .. offset],
            Data = new byte[3 * 4 * 5 * 4],
        };

        var header = await ReadHeaderAsync(builder, name);

        Assert.Equal(NiftiAffineRule.Qform, header.AffineRule);
        TestVolumes.AssertAffine(AffineMatrix.FromRows(expected), header.Affine, 1e-6);
        Assert.Same(header.QformMatrix, header.Affine);
        Assert.Null(header.SformMatrix);
        Assert.Equal(qfac, header.Qfac);
    }

    [Fact]
    public async Task ReadHeader_SformAndQformDisagree_SformWinsAndBothAreExposed()
    {
        double[] srow = [0, 0, -1.5, 80, -1.2, 0, 0, 100, 0, 2, 0, -50];
        var builder = new NiftiFileBuilder
        {
            QformCode = 1,
            SformCode = 4,
            Pixdim = [1, 2, 2, 2, 1, 1, 1, 1],
            Quatern = [0, 0, 0, 1, 2, 3],
            Srow = srow,
            Data = new byte[3 * 4 * 5 * 4],
        };

        var header = await ReadHeaderAsync(builder, "both.nii");

        Assert.Equal(NiftiAffineRule.Sform, header.AffineRule);
        Assert.Equal(4, header.SformCode);
        Assert.Equal(1, header.QformCode);
        TestVolumes.AssertAffine(AffineMatrix.FromRows(srow), header.Affine, 1e-6);
        TestVolumes.AssertAffine(AffineMatrix.Diagonal(2, 2, 2, 1, 2, 3), header.QformMatrix!, 1e-6);
        Assert.Equal("Sform", header.ToMetadata()["nifti.affineRule"]);
        Assert.Equal((1.2, 2.0, 1.5), Round(header.Geometry.Spacing));
    }

    [Fact]
    public async Task ReadHeader_BothCodesZero_UsesDiagonalOfPixdim()
    {
        var builder = new NiftiFileBuilder { Pixdim = [1, 0.5, 0.75, 3, 1, 1, 1, 1], Srow = [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], Data = new byte[3 * 4 * 5 * 4] };

        var header = await ReadHeaderAsync(builder, "analyze-like.nii");

        Assert.Equal(NiftiAffineRule.PixelDimensions, header.AffineRule);
        TestVolumes.AssertAffine(AffineMatrix.Diagonal(0.5, 0.75, 3), header.Affine, 1e-7);
        Assert.Null(header.QformMatrix);
        Assert.Null(header.SformMatrix);
    }

    [Fact]
    public async Task ReadHeader_UnusedQformIsInvalid_WarnsAndUsesSform()
    {
        var builder = new NiftiFileBuilder { QformCode = 1, SformCode = 2, Quatern = [0.9, 0.9, 0.9, 0, 0, 0], Data = new byte[3 * 4 * 5 * 4] };

        var header = await ReadHeaderAsync(builder, "bad-qform.nii");

        Assert.Equal(NiftiAffineRule.Sform, header.AffineRule);
        Assert.Null(header.QformMatrix);
        Assert.Contains(header.Warnings, w => w.Contains("qform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReadHeader_QuaternionNormSlightlyAboveOne_IsRenormalised()
    {
        // float32 rounding of a 180° rotation: b² + c² + d² = 1 + 1e-7.
        var builder = new NiftiFileBuilder { QformCode = 1, Quatern = [0, 1.0000001, 0, 0, 0, 0], Data = new byte[3 * 4 * 5 * 4] };

        var header = await ReadHeaderAsync(builder, "renormalised.nii");

        TestVolumes.AssertAffine(AffineMatrix.Diagonal(-1, 1, -1), header.Affine, 1e-6);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public async Task Write_ObliqueAffine_StoresSameMatrixInQformAndSform(double determinantSign)
    {
        var a = 0.4;
        var affine = AffineMatrix.FromRows(
        [
            Math.Cos(a) * 0.8, -Math.Sin(a) * 1.1, 0, -90,
            Math.Sin(a) * 0.8, Math.Cos(a) * 1.1, 0, 126,
            0, 0, determinantSign * 2.5, -72,
        ]);
        var volume = TestVolumes.Image(new VolumeShape(4, 3, 2), affine: affine);
        var path = _dir.File("oblique.nii");
        await NiftiWriter.WriteAsync(path, volume, cancellationToken: TestContext.Current.CancellationToken);

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (header.QformCode, header.SformCode));
        Assert.Equal(determinantSign < 0 ? -1 : 1, header.Qfac);
        TestVolumes.AssertAffine(affine, header.SformMatrix!, 1e-5);
        TestVolumes.AssertAffine(affine, header.QformMatrix!, 1e-5);
        Assert.Equal(2, header.XyztUnits);
        Assert.Equal(0.8, header.PixelDimensions[1], 6);
        Assert.Equal(2.5, header.PixelDimensions[3], 6);
    }

    [Fact]
    public async Task Write_ShearedAffine_SformExactQformNearestRotation()
    {
        var affine = AffineMatrix.FromRows([1, 0.2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
        var path = _dir.File("sheared.nii.gz");
        await NiftiWriter.WriteAsync(path, TestVolumes.Image(new VolumeShape(2, 2, 2), affine: affine), cancellationToken: TestContext.Current.CancellationToken);

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        TestVolumes.AssertAffine(affine, header.Affine, 1e-6);
        var q = header.QformMatrix!;
        var (x, y, z) = q.ColumnNorms;
        Assert.Equal(1.0, q.Determinant3x3 / (x * y * z), 6); // a proper rotation times the voxel sizes
    }

    private static (double, double, double) Round((double X, double Y, double Z) v) => (Math.Round(v.X, 5), Math.Round(v.Y, 5), Math.Round(v.Z, 5));

    private async Task<NiftiHeader> ReadHeaderAsync(NiftiFileBuilder builder, string name)
    {
        var file = name.EndsWith(".nii", StringComparison.Ordinal) ? name : name.Replace(' ', '_').Replace('°', 'd') + ".nii";
        var path = _dir.Write(file, builder.BuildSingleFile());
        return await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);
    }

    public void Dispose() => _dir.Dispose();
}
