// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class VolumeSourceFactoryTests : IDisposable
{
    private static readonly VolumeShape s_shape = new(3, 4, 2);
    private readonly TempDirectory _dir = new();
    private readonly VolumeSourceFactory _factory = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenAsync_FolderOfVolumes_OneCasePerFileWithLabelsFromLabelsFolder()
    {
        await WriteAsync(_dir.File("b.nii.gz"), TestVolumes.Image(s_shape), Token);
        await WriteAsync(_dir.File("a.nii"), TestVolumes.Image(s_shape), Token);
        Directory.CreateDirectory(_dir.File("labels"));
        await WriteAsync(_dir.File("labels/a.nii"), TestVolumes.Labels(s_shape), Token);

        var source = await _factory.OpenAsync(_dir.Path, cancellationToken: Token);
        var a = await source.LoadAsync("a", Token);
        var b = await source.LoadAsync("b", Token);

        Assert.Equal(["a", "b"], source.CaseIds);
        Assert.NotNull(a.Label);
        Assert.Null(b.Label);
        Assert.Equal(s_shape, b.Image.Shape);
    }

    [Fact]
    public async Task OpenAsync_FolderOfVolumesWithRequiredLabels_NamesTheMissingLabel()
    {
        await WriteAsync(_dir.File("a.nii"), TestVolumes.Image(s_shape), Token);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => _factory.OpenAsync(_dir.Path, new VolumeSourceOptions { RequireLabels = true }, Token));

        Assert.Contains("labels", e.Message, StringComparison.Ordinal);
        Assert.Contains("a.nii", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FileList_ResolvesRelativePathsAndConcatenatesChannels()
    {
        await WriteAsync(_dir.File("img/c1_t1.nii"), TestVolumes.Image(s_shape), Token);
        await WriteAsync(_dir.File("img/c1_t2.nii"), TestVolumes.Image(s_shape), Token);
        await WriteAsync(_dir.File("seg/c1.nii"), TestVolumes.Labels(s_shape), Token);
        var list = _dir.Write("cases.csv", System.Text.Encoding.UTF8.GetBytes("image,label\n# a comment\n\nimg/c1_t1.nii;img/c1_t2.nii,seg/c1.nii\n"));

        var source = await _factory.OpenAsync(list, cancellationToken: Token);
        var loaded = await source.LoadAsync("c1_t1", Token);

        Assert.Equal(["c1_t1"], source.CaseIds);
        Assert.Equal(2, loaded.Image.Channels);
        Assert.NotNull(loaded.Label);
    }

    [Fact]
    public async Task OpenAsync_FileListWithMissingFile_ThrowsNamingLineAndFile()
    {
        var list = _dir.Write("cases.txt", System.Text.Encoding.UTF8.GetBytes("missing.nii.gz\n"));

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => _factory.OpenAsync(list, cancellationToken: Token));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("missing.nii.gz", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_FileListRepeatingACase_Throws()
    {
        await WriteAsync(_dir.File("x.nii"), TestVolumes.Image(s_shape), Token);
        var list = _dir.Write("cases.csv", System.Text.Encoding.UTF8.GetBytes("x.nii\nx.nii\n"));

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => _factory.OpenAsync(list, cancellationToken: Token));

        Assert.Contains("line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SingleVolumeFile_OneUnlabelledCase()
    {
        var path = _dir.File("scan.nii.gz");
        await WriteAsync(path, TestVolumes.Image(s_shape, channels: 2), Token);

        var source = await _factory.OpenAsync(path, cancellationToken: Token);

        Assert.Equal(["scan"], source.CaseIds);
        Assert.Equal(2, (await source.LoadAsync("scan", Token)).Image.Channels);
    }

    [Fact]
    public async Task OpenAsync_BratsFolder_IsRecognised()
    {
        var folder = _dir.File("BraTS20_Training_001");
        foreach (var modality in BratsVolumeSource.Modalities)
        {
            await WriteAsync(Path.Combine(folder, $"BraTS20_Training_001_{modality}.nii.gz"), TestVolumes.Image(s_shape), Token);
        }

        var source = await _factory.OpenAsync(_dir.Path, cancellationToken: Token);

        Assert.IsType<BratsVolumeSource>(source);
        Assert.Equal(4, (await source.LoadAsync("BraTS20_Training_001", Token)).Image.Channels);
    }

    [Fact]
    public async Task OpenAsync_MsdFolder_IsRecognisedByDatasetJson()
    {
        await WriteAsync(_dir.File("imagesTr/liver_1.nii.gz"), TestVolumes.Image(s_shape), Token);
        await WriteAsync(_dir.File("labelsTr/liver_1.nii.gz"), TestVolumes.Labels(s_shape), Token);
        _dir.Write("dataset.json", System.Text.Encoding.UTF8.GetBytes(
            """{"name": "Liver", "training": [{"image": "./imagesTr/liver_1.nii.gz", "label": "./labelsTr/liver_1.nii.gz"}], "test": []}"""));

        var fromFolder = await _factory.OpenAsync(_dir.Path, cancellationToken: Token);
        var fromJson = await _factory.OpenAsync(_dir.File("dataset.json"), cancellationToken: Token);

        Assert.IsType<MsdVolumeSource>(fromFolder);
        Assert.Equal(["liver_1"], fromFolder.CaseIds);
        Assert.Equal(fromFolder.CaseIds, fromJson.CaseIds);
    }

    [Fact]
    public async Task OpenAsync_NothingThere_ThrowsFileNotFoundNamingThePath()
    {
        var missing = _dir.File("nope");

        var e = await Assert.ThrowsAsync<FileNotFoundException>(() => _factory.OpenAsync(missing, cancellationToken: Token));

        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_EmptyFolderOrUnknownFile_ThrowsInvalidVolume()
    {
        var empty = _dir.File("empty");
        Directory.CreateDirectory(empty);
        var text = _dir.Write("notes.md", [65]);

        await Assert.ThrowsAsync<InvalidVolumeException>(() => _factory.OpenAsync(empty, cancellationToken: Token));
        await Assert.ThrowsAsync<InvalidVolumeException>(() => _factory.OpenAsync(text, cancellationToken: Token));
    }

    [Theory]
    [InlineData("/a/b/case_1.nii.gz", "case_1")]
    [InlineData("case.NII", "case")]
    [InlineData("img.mha", "img")]
    [InlineData("plain", "plain")]
    public void CaseIdOf_StripsVolumeExtensions(string path, string expected) =>
        Assert.Equal(expected, VolumeSourceFactory.CaseIdOf(path));

    public void Dispose() => _dir.Dispose();

    private static Task WriteAsync(string path, Volume volume, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return VolumeFile.WriteAsync(path, volume, cancellationToken);
    }

    private static Task WriteAsync(string path, LabelVolume labels, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return VolumeFile.WriteAsync(path, labels, cancellationToken);
    }
}
