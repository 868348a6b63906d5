// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class FileListVolumeSourceTests : IDisposable
{
    private static readonly VolumeShape s_shape = new(3, 2, 4);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task LoadAsync_SeveralImageFiles_ConcatenatesChannelsInOrder()
    {
        var first = TestVolumes.Image(s_shape, channels: 2);
        var second = TestVolumes.Image(s_shape, channels: 1);
        second.Voxels.Span.Fill(-1);
        await VolumeFile.WriteAsync(_dir.File("a.nii.gz"), first, TestContext.Current.CancellationToken);
        await VolumeFile.WriteAsync(_dir.File("b.mha"), second, TestContext.Current.CancellationToken);
        await VolumeFile.WriteAsync(_dir.File("l.nii"), TestVolumes.Labels(s_shape), TestContext.Current.CancellationToken);
        var source = new FileListVolumeSource("list", [new VolumeFileCase("c", [_dir.File("a.nii.gz"), _dir.File("b.mha")], _dir.File("l.nii"))]);

        var loaded = await source.LoadAsync("c", TestContext.Current.CancellationToken);

        Assert.Equal(3, loaded.Image.Channels);
        Assert.Equal(first[1, 2, 1, 3], loaded.Image[1, 2, 1, 3]);
        Assert.Equal(-1f, loaded.Image[2, 0, 0, 0]);
        Assert.Equal("MetaImage", loaded.Metadata["image1.format"]);
        Assert.NotNull(loaded.Label);
    }

    [Fact]
    public async Task LoadAsync_MissingFile_ThrowsNamingCaseAndFile()
    {
        var source = new FileListVolumeSource("list", [new VolumeFileCase("c9", [_dir.File("nope.nii.gz")])]);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () => await source.LoadAsync("c9", TestContext.Current.CancellationToken));

        Assert.Equal(_dir.File("nope.nii.gz"), e.Path);
        Assert.Contains("case 'c9': the file does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateIdsOrNoImages_Throw()
    {
        Assert.Throws<ArgumentException>(() => new FileListVolumeSource("list", [new VolumeFileCase("a", ["x.nii"]), new VolumeFileCase("a", ["y.nii"])]));
        Assert.Throws<ArgumentException>(() => new FileListVolumeSource("list", [new VolumeFileCase("a", [])]));
    }

    [Fact]
    public async Task LoadAsync_UnknownCase_ThrowsKeyNotFound()
    {
        var source = new FileListVolumeSource("list", [new VolumeFileCase("a", ["x.nii"])]);

        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await source.LoadAsync("b", TestContext.Current.CancellationToken));
    }

    public void Dispose() => _dir.Dispose();
}
