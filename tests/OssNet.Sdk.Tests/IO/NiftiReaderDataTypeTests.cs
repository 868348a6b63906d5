// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class NiftiReaderDataTypeTests : IDisposable
{
    private const int X = 3, Y = 4, Z = 5;
    private readonly TempDirectory _dir = new();

    public static TheoryData<NiftiDataType, bool, int> EveryTypeBothOrdersBothVersions()
    {
        var data = new TheoryData<NiftiDataType, bool, int>();
        NiftiDataType[] types =
        [
            NiftiDataType.UInt8, NiftiDataType.Int8, NiftiDataType.Int16, NiftiDataType.UInt16, NiftiDataType.Int32,
            NiftiDataType.UInt32, NiftiDataType.Int64, NiftiDataType.UInt64, NiftiDataType.Float32, NiftiDataType.Float64,
        ];
        foreach (var type in types)
        {
            foreach (var little in new[] { true, false })
            {
                data.Add(type, little, 1);
                data.Add(type, little, 2);
            }
        }

        return data;
    }

    /// <summary>A value per voxel, distinct, negative for signed types and fractional for floats.</summary>
    private static double FileValue(NiftiDataType type, int i, int j, int k, int t = 0)
    {
        double v = i + (X * j) + (X * Y * k) + (60 * t);
        return type switch
        {
            NiftiDataType.Int8 or NiftiDataType.Int16 or NiftiDataType.Int32 or NiftiDataType.Int64 => v - 20,
            NiftiDataType.Float32 or NiftiDataType.Float64 => (v * 0.5) - 7.25,
            _ => v,
        };
    }

    private static double[] FileOrderValues(NiftiDataType type, int channels = 1)
    {
        var values = new List<double>();
        for (var t = 0; t < channels; t++)
        {
            for (var k = 0; k < Z; k++)
            {
                for (var j = 0; j < Y; j++)
                {
                    for (var i = 0; i < X; i++)
                    {
                        values.Add(FileValue(type, i, j, k, t));
                    }
                }
            }
        }

        return [.. values];
    }

    [Theory]
    [MemberData(nameof(EveryTypeBothOrdersBothVersions))]
    public async Task ReadVolume_EveryDatatypeAndByteOrder_TransposesIntoSdkLayout(NiftiDataType type, bool littleEndian, int version)
    {
        var builder = new NiftiFileBuilder
        {
            Version = version,
            LittleEndian = littleEndian,
            DataType = (short)type,
            Dim = [3, X, Y, Z, 1, 1, 1, 1],
            Data = NiftiFileBuilder.Encode(FileOrderValues(type), type, littleEndian),
        };
        var path = _dir.Write("image.nii", builder.BuildSingleFile());

        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new VolumeShape(X, Y, Z), volume.Shape);
        Assert.Equal(type, header.DataType);
        Assert.Equal(littleEndian, header.IsLittleEndian);
        Assert.Equal(version, header.Version);
        for (var x = 0; x < X; x++)
        {
            for (var y = 0; y < Y; y++)
            {
                for (var z = 0; z < Z; z++)
                {
                    Assert.Equal((float)FileValue(type, x, y, z), volume[0, x, y, z]);
                }
            }
        }
    }

    [Theory]
    [InlineData(NiftiDataType.UInt8, true)]
    [InlineData(NiftiDataType.Int16, false)]
    [InlineData(NiftiDataType.UInt16, true)]
    [InlineData(NiftiDataType.Int32, false)]
    [InlineData(NiftiDataType.UInt64, true)]
    public async Task ReadLabels_IntegerTypes_ReturnsLabelsInSdkLayout(NiftiDataType type, bool littleEndian)
    {
        var values = FileOrderValues(NiftiDataType.UInt8); // 0..59, valid labels in any integer type
        var builder = new NiftiFileBuilder { LittleEndian = littleEndian, DataType = (short)type, Dim = [3, X, Y, Z, 1, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, type, littleEndian) };
        var path = _dir.Write("labels.nii.gz", NiftiFileBuilder.Gzip(builder.BuildSingleFile()));

        var labels = await NiftiReader.ReadLabelsAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((byte)(2 + (X * 3) + (X * Y * 4)), labels[2, 3, 4]);
        Assert.Equal((byte)(1 + (X * 0) + (X * Y * 2)), labels[1, 0, 2]);
    }

    [Fact]
    public async Task ReadLabels_FloatDataWithIntegralValues_IsAccepted()
    {
        var values = FileOrderValues(NiftiDataType.UInt8);
        var builder = new NiftiFileBuilder { DataType = (short)NiftiDataType.Float32, Dim = [3, X, Y, Z, 1, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true) };
        var path = _dir.Write("labels.nii", builder.BuildSingleFile());

        var labels = await NiftiReader.ReadLabelsAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((byte)(2 + (X * 1) + (X * Y * 3)), labels[2, 1, 3]);
    }

    [Theory]
    [InlineData(300.0, "label value 300")]
    [InlineData(-1.0, "label value -1")]
    [InlineData(2.5, "label value 2.5")]
    public async Task ReadLabels_ValueThatIsNotALabel_NamesValueAndVoxel(double bad, string expected)
    {
        var values = FileOrderValues(NiftiDataType.UInt8);
        values[1 + (X * 2) + (X * Y * 3)] = bad; // voxel (1, 2, 3)
        var builder = new NiftiFileBuilder { DataType = (short)NiftiDataType.Float32, Dim = [3, X, Y, Z, 1, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true) };
        var path = _dir.Write("labels.nii", builder.BuildSingleFile());

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => NiftiReader.ReadLabelsAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("(1, 2, 3)", e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
    }

    [Theory]
    [InlineData(2.0, -3.0, true)]
    [InlineData(0.0, 5.0, false)] // slope 0: no scaling, inter ignored
    [InlineData(double.NaN, 5.0, false)] // non-finite slope: no scaling
    [InlineData(1.0, 0.0, false)]
    public async Task ReadVolume_SclSlopeAndInter_AppliedOnlyForValidSlope(double slope, double inter, bool scaled)
    {
        var values = FileOrderValues(NiftiDataType.Int16);
        var builder = new NiftiFileBuilder { DataType = (short)NiftiDataType.Int16, SclSlope = slope, SclInter = inter, Dim = [3, X, Y, Z, 1, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, NiftiDataType.Int16, false), LittleEndian = false };
        var path = _dir.Write("scaled.nii", builder.BuildSingleFile());

        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(scaled, header.IsScaled);
        var stored = FileValue(NiftiDataType.Int16, 2, 3, 4);
        Assert.Equal(scaled ? (float)((stored * slope) + inter) : (float)stored, volume[0, 2, 3, 4]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ReadVolume_FourDimensionalFile_ReadsChannels(int version)
    {
        var values = FileOrderValues(NiftiDataType.Float32, channels: 4);
        var builder = new NiftiFileBuilder { Version = version, Dim = [4, X, Y, Z, 4, 1, 1, 1], Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true) };
        var path = _dir.Write("brats.nii.gz", NiftiFileBuilder.Gzip(builder.BuildSingleFile()));

        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(4, volume.Channels);
        Assert.Equal((float)FileValue(NiftiDataType.Float32, 2, 1, 3, 3), volume[3, 2, 1, 3]);
        Assert.Equal((float)FileValue(NiftiDataType.Float32, 0, 3, 4, 1), volume[1, 0, 3, 4]);
    }

    [Theory]
    [InlineData("pair.hdr", "pair.img", false)]
    [InlineData("pair.hdr", "pair.img.gz", true)]
    [InlineData("pair.hdr.gz", "pair.img.gz", true)]
    public async Task ReadVolume_HeaderImagePair_ReadsFromEitherName(string headerName, string imageName, bool gzipImage)
    {
        var values = FileOrderValues(NiftiDataType.Int16);
        var builder = new NiftiFileBuilder { DataType = (short)NiftiDataType.Int16, Dim = [3, X, Y, Z, 1, 1, 1, 1], LittleEndian = false };
        var header = builder.BuildPairHeader();
        var data = NiftiFileBuilder.Encode(values, NiftiDataType.Int16, false);
        _dir.Write(headerName, headerName.EndsWith(".gz", StringComparison.Ordinal) ? NiftiFileBuilder.Gzip(header) : header);
        _dir.Write(imageName, gzipImage ? NiftiFileBuilder.Gzip(data) : data);

        var fromHeader = await NiftiReader.ReadVolumeAsync(_dir.File(headerName), cancellationToken: TestContext.Current.CancellationToken);
        var fromImage = await NiftiReader.ReadVolumeAsync(_dir.File(imageName), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal((float)FileValue(NiftiDataType.Int16, 2, 3, 4), fromHeader[0, 2, 3, 4]);
        TestVolumes.AssertSameVoxels(fromHeader, fromImage);
    }

    [Fact]
    public async Task ReadHeader_ValidExtensions_AreListedAndSkipped()
    {
        var extensions = new byte[48];
        BitConverter.TryWriteBytes(extensions.AsSpan(0), 16);
        BitConverter.TryWriteBytes(extensions.AsSpan(4), 6); // COMMENT
        BitConverter.TryWriteBytes(extensions.AsSpan(16), 32);
        BitConverter.TryWriteBytes(extensions.AsSpan(20), 9999); // unknown code: skipped by esize
        var values = FileOrderValues(NiftiDataType.Float32);
        var builder = new NiftiFileBuilder { ExtensionFlag = [1, 0, 0, 0], ExtensionBytes = extensions, VoxOffset = 352 + 48, Data = NiftiFileBuilder.Encode(values, NiftiDataType.Float32, true) };
        var path = _dir.Write("ext.nii", builder.BuildSingleFile());

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var volume = await NiftiReader.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([new NiftiExtension(6, 16, 352), new NiftiExtension(9999, 32, 368)], header.Extensions);
        Assert.Equal(400, header.VoxelOffset);
        Assert.Equal((float)FileValue(NiftiDataType.Float32, 1, 2, 3), volume[0, 1, 2, 3]);
    }

    [Fact]
    public async Task ReadHeader_BitpixDisagreesWithDatatype_WarnsAndTrustsDatatype()
    {
        var builder = new NiftiFileBuilder { Bitpix = 8, Data = NiftiFileBuilder.Encode(FileOrderValues(NiftiDataType.Float32), NiftiDataType.Float32, true) };
        var path = _dir.Write("bitpix.nii", builder.BuildSingleFile());

        var header = await NiftiReader.ReadHeaderAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(header.Warnings, w => w.Contains("bitpix 8", StringComparison.Ordinal));
        Assert.Equal(NiftiDataType.Float32, header.DataType);
    }

    public void Dispose() => _dir.Dispose();
}
