// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.IO;

public sealed class VolumeRoundTripTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, bool> Formats() => new()
    {
        { "image.nii", false },
        { "image.nii.gz", false },
        { "image.mha", false },
        { "image.mha", true },
        { "image.mhd", false },
        { "image.mhd", true },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task WriteThenRead_MultiChannelOddShape_ReturnsSameVoxelsAndAffine(string name, bool compressMetaImage)
    {
        var volume = TestVolumes.Image(new VolumeShape(5, 6, 7), channels: 2);
        var path = _dir.File(name);
        var options = new VolumeWriteOptions { CompressMetaImage = compressMetaImage };

        await VolumeFile.WriteAsync(path, volume, options, TestContext.Current.CancellationToken);
        var read = await VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        TestVolumes.AssertSameVoxels(volume, read);
        TestVolumes.AssertAffine(volume.Geometry.Affine, read.Geometry.Affine, 1e-5);
        Assert.Equal(volume.Geometry.Spacing.X, read.Geometry.Spacing.X, 5);
    }

    [Theory]
    [InlineData("labels.nii", NiftiDataType.UInt8)]
    [InlineData("labels.nii.gz", NiftiDataType.Int16)]
    [InlineData("labels.mha", NiftiDataType.UInt8)]
    [InlineData("labels.mhd", NiftiDataType.Int16)]
    public async Task WriteThenRead_Labels_RoundTripForBothStorageTypes(string name, NiftiDataType type)
    {
        var labels = TestVolumes.Labels(new VolumeShape(9, 4, 11));
        var path = _dir.File(name);

        await VolumeFile.WriteAsync(path, labels, new VolumeWriteOptions { LabelDataType = type }, TestContext.Current.CancellationToken);
        var read = await VolumeFile.ReadLabelsAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        var info = await VolumeFile.ReadInfoAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(labels.Labels.ToArray(), read.Labels.ToArray());
        Assert.True(labels.Geometry.IsCompatibleWith(read.Geometry, 1e-5));
        var storedType = info.Format == VolumeFileFormat.Nifti ? info.Metadata["nifti.dataType"] : info.Metadata["metaimage.elementType"];
        Assert.Equal(info.Format == VolumeFileFormat.Nifti ? type.ToString() : (type == NiftiDataType.UInt8 ? "MET_UCHAR" : "MET_SHORT"), storedType);
    }

    [Theory]
    [InlineData("large.nii.gz")]
    [InlineData("large.mha")]
    public async Task WriteThenRead_VolumeSpanningSeveralSlabs_RoundTrips(string name)
    {
        // 130×131×67 float32 is 4.6 MB: more than one 4 MiB slab, with a partial last slab.
        var shape = new VolumeShape(130, 131, 67);
        var volume = Volume.Zeros(VolumeGeometry.Create(shape, 1, 1.5, 2));
        var random = new Random(42);
        var span = volume.Voxels.Span;
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (float)random.NextDouble();
        }

        var path = _dir.File(name);
        await VolumeFile.WriteAsync(path, volume, TestContext.Current.CancellationToken);
        var read = await VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        TestVolumes.AssertSameVoxels(volume, read);
    }

    [Fact]
    public async Task ReadInfo_WrittenNifti_ReportsGeometryAndAffineRule()
    {
        var volume = TestVolumes.Image(new VolumeShape(3, 4, 5), channels: 3);
        var path = _dir.File("info.nii.gz");
        await VolumeFile.WriteAsync(path, volume, TestContext.Current.CancellationToken);

        var info = await VolumeFile.ReadInfoAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(VolumeFileFormat.Nifti, info.Format);
        Assert.Equal(3, info.Channels);
        Assert.Equal(volume.Shape, info.Geometry.Shape);
        Assert.Equal("Sform", info.Metadata["nifti.affineRule"]);
        Assert.Equal("1", info.Metadata["nifti.qformCode"]);
    }

    [Theory]
    [InlineData("image.png")]
    [InlineData("image.nii.zip")]
    public async Task Read_UnsupportedExtension_ThrowsNamingFile(string name)
    {
        var path = _dir.Write(name, [1, 2, 3]);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => VolumeFile.ReadVolumeAsync(path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(path, e.Path);
        Assert.Contains("unsupported file extension", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("image.png")]
    [InlineData("image.hdr")]
    public async Task Write_UnsupportedExtension_ThrowsArgumentException(string name)
    {
        var volume = TestVolumes.Image(new VolumeShape(2, 2, 2));

        await Assert.ThrowsAsync<ArgumentException>(() => VolumeFile.WriteAsync(_dir.File(name), volume, TestContext.Current.CancellationToken));

        Assert.Empty(Directory.GetFiles(_dir.Path));
    }

    public void Dispose() => _dir.Dispose();
}
