// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class MsdVolumeSourceTests : IDisposable
{
    private static readonly VolumeShape s_shape = new(4, 3, 2);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task OpenAsync_TrainingList_LoadsFourDimensionalImagesWithLabelsAndModalityNames()
    {
        await WriteCaseAsync("BRATS_001");
        await WriteCaseAsync("BRATS_002");
        WriteJson("""
            {"name": "BrainTumour", "modality": {"0": "FLAIR", "1": "T1w", "2": "t1gd", "3": "T2w"},
             "labels": {"0": "background", "1": "edema"},
             "training": [{"image": "./imagesTr/BRATS_002.nii.gz", "label": "./labelsTr/BRATS_002.nii.gz"},
                          {"image": "./imagesTr/BRATS_001.nii.gz", "label": "./labelsTr/BRATS_001.nii.gz"}],
             "test": []}
            """);

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        var loaded = await source.LoadAsync("BRATS_001", TestContext.Current.CancellationToken);

        Assert.Equal(["BRATS_002", "BRATS_001"], source.CaseIds);
        Assert.Equal("BrainTumour", source.Properties["name"]);
        Assert.Equal("edema", source.Properties["labels.1"]);
        Assert.Equal(4, loaded.Image.Channels);
        TestVolumes.AssertSameVoxels(TestVolumes.Image(s_shape, 4), loaded.Image);
        Assert.Equal(TestVolumes.Labels(s_shape).Labels.ToArray(), loaded.Label!.Labels.ToArray());
        Assert.Equal("FLAIR", loaded.Metadata["channel0"]);
        Assert.Equal("T2w", loaded.Metadata["channel3"]);
        Assert.Equal("Sform", loaded.Metadata["image0.nifti.affineRule"]);
        Assert.EndsWith("BRATS_001.nii.gz", loaded.Metadata["label.path"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside/x.nii.gz", "resolves outside")]
    [InlineData("./imagesTr/../../x.nii.gz", "resolves outside")]
    [InlineData("/etc/x.nii.gz", "is an absolute path")]
    [InlineData("./imagesTr/x.txt", "is not a supported volume file name")]
    public async Task OpenAsync_EntryOutsideTheDataset_IsRejectedNamingEntry(string image, string reason)
    {
        WriteJson($$"""{"training": [{"image": "./imagesTr/a.nii.gz", "label": "./labelsTr/a.nii.gz"}, {"image": "{{image}}", "label": "./labelsTr/b.nii.gz"}]}""");

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(_dir.File("dataset.json"), e.Path);
        Assert.Contains($"training[1].image \"{image}\" ", e.Message, StringComparison.Ordinal);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("[1, 2]", "must hold a JSON object")]
    [InlineData("""{"test": []}""", "has no \"training\" array")]
    [InlineData("""{"training": [{"image": "./imagesTr/a.nii.gz"}]}""", "training[0] has no \"label\" path string")]
    [InlineData("""{"training": [{"image": "./imagesTr/a.nii.gz", "label": "./l/a.nii.gz"}, {"image": "./imagesTr/a.nii.gz", "label": "./l/b.nii.gz"}]}""", "Two cases have the identifier 'a'")]
    public async Task OpenAsync_MalformedDatasetJson_ThrowsNamingReason(string json, string reason)
    {
        WriteJson(json);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_IsLazy_OnlyLoadReadsVoxels()
    {
        await WriteCaseAsync("good");
        _dir.Write("imagesTr/broken.nii.gz", [1, 2, 3]);
        _dir.Write("labelsTr/broken.nii.gz", [1, 2, 3]);
        WriteJson("""
            {"training": [{"image": "./imagesTr/good.nii.gz", "label": "./labelsTr/good.nii.gz"},
                          {"image": "./imagesTr/broken.nii.gz", "label": "./labelsTr/broken.nii.gz"}]}
            """);

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);
        var seen = new List<string>();
        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () =>
        {
            await foreach (var c in source.ReadAllAsync(TestContext.Current.CancellationToken))
            {
                seen.Add(c.Id);
            }
        });

        Assert.Equal(["good", "broken"], source.CaseIds);
        Assert.Equal(["good"], seen);
        Assert.Equal(_dir.File("imagesTr/broken.nii.gz"), e.Path);
    }

    [Fact]
    public async Task LoadAsync_LabelShapeDiffersFromImage_ThrowsNamingCase()
    {
        await WriteCaseAsync("case7", labelShape: new VolumeShape(4, 3, 3));
        WriteJson("""{"training": [{"image": "./imagesTr/case7.nii.gz", "label": "./labelsTr/case7.nii.gz"}]}""");
        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(async () => await source.LoadAsync("case7", TestContext.Current.CancellationToken));

        Assert.Contains("case 'case7': case7.nii.gz shape 4×3×3 differs from 4×3×2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_TestSplit_ListsUnlabelledImages()
    {
        await WriteCaseAsync("t1", folder: "imagesTs");
        WriteJson("""{"training": [], "test": ["./imagesTs/t1.nii.gz"]}""");

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, MsdSplit.Test, cancellationToken: TestContext.Current.CancellationToken);
        var loaded = await source.LoadAsync("t1", TestContext.Current.CancellationToken);

        Assert.Equal(["t1"], source.CaseIds);
        Assert.Null(loaded.Label);
    }

    public void Dispose() => _dir.Dispose();

    private void WriteJson(string json) => _dir.Write("dataset.json", System.Text.Encoding.UTF8.GetBytes(json));

    private async Task WriteCaseAsync(string id, VolumeShape? labelShape = null, string folder = "imagesTr")
    {
        Directory.CreateDirectory(_dir.File(folder));
        Directory.CreateDirectory(_dir.File("labelsTr"));
        await VolumeFile.WriteAsync(_dir.File($"{folder}/{id}.nii.gz"), TestVolumes.Image(s_shape, 4), TestContext.Current.CancellationToken);
        await VolumeFile.WriteAsync(_dir.File($"labelsTr/{id}.nii.gz"), TestVolumes.Labels(labelShape ?? s_shape), TestContext.Current.CancellationToken);
    }
}
