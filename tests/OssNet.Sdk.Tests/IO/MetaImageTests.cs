// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using System.IO.Compression;
using System.Text;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class MetaImageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Read_ObliqueLpsHeader_ConvertsToRasAffine()
    {
        // Axis i points along LPS (cos a, sin a, 0), axis j along (−sin a, cos a, 0), axis k along (0, 0, 1).
        var a = 0.25;
        var (c, s) = (Math.Cos(a), Math.Sin(a));
        var header = Header(
            "NDims = 3",
            $"TransformMatrix = {F(c)} {F(s)} 0 {F(-s)} {F(c)} 0 0 0 1",
            "Offset = 10 -20 30",
            "ElementSpacing = 0.5 0.75 2",
            "DimSize = 2 3 4",
            "ElementType = MET_UCHAR",
            "ElementDataFile = LOCAL");
        var path = _dir.Write("oblique.mha", [.. Encoding.ASCII.GetBytes(header), .. new byte[24]]);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        // RAS = diag(−1, −1, 1) · LPS: x and y rows (and the offset's x and y) change sign.
        var expected = AffineMatrix.FromRows(
        [
            -c * 0.5, s * 0.75, 0, -10,
            -s * 0.5, -c * 0.75, 0, 20,
            0, 0, 2, 30,
        ]);
        TestVolumes.AssertAffine(expected, volume.Geometry.Affine, 1e-12);
        var (wx, wy, wz) = volume.Geometry.Affine.Transform(1, 0, 0);
        Assert.Equal((-10 - (0.5 * c), 20 - (0.5 * s), 30.0), (wx, wy, wz));
    }

    [Fact]
    public async Task WriteThenRead_ObliqueRasAffine_WritesLpsAndReadsBackRas()
    {
        var volume = TestVolumes.Image(new VolumeShape(3, 2, 2));
        var path = _dir.File("oblique.mhd");

        await MetaImageWriter.WriteAsync(path, volume, cancellationToken: TestContext.Current.CancellationToken);
        var header = await MetaImageReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var read = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        var (tx, ty, tz) = volume.Geometry.Affine.Translation;
        Assert.Equal([-tx, -ty, tz], header.OffsetLps);
        // The first direction vector in LPS is the RAS first column with x and y negated, divided by the spacing.
        var spacing = volume.Geometry.Affine.ColumnNorms.X;
        Assert.Equal(-volume.Geometry.Affine[0, 0] / spacing, header.TransformMatrix[0], 12);
        Assert.Equal(-volume.Geometry.Affine[1, 0] / spacing, header.TransformMatrix[1], 12);
        TestVolumes.AssertAffine(volume.Geometry.Affine, read.Geometry.Affine, 1e-12);
        TestVolumes.AssertSameVoxels(volume, read);
        Assert.True(File.Exists(_dir.File("oblique.raw")));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task Read_HandBuiltShortData_BothByteOrdersAndCompression(bool bigEndian, bool compressed)
    {
        var values = Enumerable.Range(0, 2 * 3 * 4).Select(i => (double)(i - 10)).ToArray();
        var raw = NiftiFileBuilder.Encode(values, NiftiDataType.Int16, !bigEndian);
        var data = compressed ? Zlib(raw) : raw;
        var lines = new List<string>
        {
            "NDims = 3", "DimSize = 2 3 4", "ElementType = MET_SHORT",
            $"BinaryDataByteOrderMSB = {(bigEndian ? "True" : "False")}", $"CompressedData = {(compressed ? "True" : "False")}",
        };
        if (compressed)
        {
            lines.Add($"CompressedDataSize = {data.Length}");
        }

        lines.Add("ElementDataFile = short.zraw");
        var path = _dir.Write("short.mhd", Encoding.ASCII.GetBytes(Header([.. lines])));
        _dir.Write("short.zraw", data);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        // File index i + 2·(j + 3·k) holds value index − 10.
        Assert.Equal(1 + (2 * (2 + (3 * 3))) - 10, volume[0, 1, 2, 3]);
        Assert.Equal(-10, volume[0, 0, 0, 0]);
    }

    [Fact]
    public async Task Read_InterleavedChannels_AreSplitIntoChannels()
    {
        // 2×1×1 voxels with 3 components each: (1, 2, 3), (4, 5, 6).
        var raw = NiftiFileBuilder.Encode([1, 2, 3, 4, 5, 6], NiftiDataType.Float32, true);
        var path = _dir.Write("vector.mha", [.. Encoding.ASCII.GetBytes(Header("NDims = 3", "DimSize = 2 1 1", "ElementNumberOfChannels = 3", "ElementType = MET_FLOAT_ARRAY", "ElementDataFile = LOCAL")), .. raw]);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, volume.Channels);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], volume.Voxels.ToArray());
    }

    [Fact]
    public async Task Read_FourDimensionalImage_FourthDimensionIsChannels()
    {
        // 2×1×1 voxels, 3 planar channels: channel c holds (10c, 10c + 1).
        var raw = NiftiFileBuilder.Encode([0, 1, 10, 11, 20, 21], NiftiDataType.Float64, littleEndian: false);
        var path = _dir.Write("time.mha", [.. Encoding.ASCII.GetBytes(Header("NDims = 4", "DimSize = 2 1 1 3", "ElementType = MET_DOUBLE", "ElementByteOrderMSB = True", "ElementDataFile = LOCAL")), .. raw]);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, volume.Channels);
        Assert.Equal([0f, 1f, 10f, 11f, 20f, 21f], volume.Voxels.ToArray());
    }

    [Fact]
    public async Task Read_HeaderSizeMinusOne_ReadsDataAtEndOfFile()
    {
        var path = _dir.Write("tail.mhd", Encoding.ASCII.GetBytes(Header("NDims = 2", "DimSize = 2 2", "ElementType = MET_UCHAR", "HeaderSize = -1", "ElementDataFile = tail.raw")));
        _dir.Write("tail.raw", [99, 99, 99, 1, 2, 3, 4]);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([1f, 3f, 2f, 4f], volume.Voxels.ToArray());
    }

    [Fact]
    public async Task Read_UnknownKeysAndDataFileLongerThanNeeded_AreAccepted()
    {
        var path = _dir.Write("extra.mhd", Encoding.ASCII.GetBytes(Header("ITK_InputFilterName = NiftiImageIO", "NDims = 3", "DimSize = 1 1 2", "ElementType = MET_UCHAR", "ElementDataFile = extra.raw")));
        _dir.Write("extra.raw", [7, 8, 9]);

        var volume = await MetaImageReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([7f, 8f], volume.Voxels.ToArray());
    }

    public void Dispose() => _dir.Dispose();

    internal static string Header(params string[] lines) => "ObjectType = Image\n" + string.Join("\n", lines) + "\n";

    internal static byte[] Zlib(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return output.ToArray();
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
