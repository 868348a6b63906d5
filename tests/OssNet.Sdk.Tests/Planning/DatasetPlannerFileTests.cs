// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.IO;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Planning;

/// <summary>Planning from files: dataset.json's names and labels take precedence, and headers are checked before voxels are read.</summary>
public sealed class DatasetPlannerFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task MsdFolder_LabelsAndChannelNamesFromDatasetJson_DecideTheLabelSetAndModality()
    {
        await WriteCaseAsync("liver_1", channels: 1);
        await WriteCaseAsync("liver_2", channels: 1);
        WriteJson("""
            {"name": "Liver", "channel_names": {"0": "CT"}, "labels": {"background": 0, "liver": 1, "tumour": 2},
             "training": [{"image": "./imagesTr/liver_1.nii.gz", "label": "./labelsTr/liver_1.nii.gz"},
                          {"image": "./imagesTr/liver_2.nii.gz", "label": "./labelsTr/liver_2.nii.gz"}]}
            """);
        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        var plan = await DatasetPlanner.PlanAsync(source, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Liver", plan.DatasetName);
        Assert.Equal("0 background, 1 liver, 2 tumour", plan.Labels!.Describe());
        Assert.Equal("as dataset.json lists them", plan.LabelSource);
        var channel = plan.Channels.Single();
        Assert.Equal("CT", channel.Name);
        Assert.Equal(ImageModality.Ct, channel.Modality); // named CT, although its values (40..120) are not Hounsfield-like
        Assert.Equal(IntensityNormalizationScheme.ClippedZScore, channel.Normalization.Scheme);
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public async Task CaseWithAnotherChannelCount_FailsOnItsHeader_NamingTheFile()
    {
        await WriteCaseAsync("a", channels: 1);
        await WriteCaseAsync("b", channels: 2);
        var source = new FileListVolumeSource("list", [Files("a"), Files("b")]);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => DatasetPlanner.PlanAsync(source, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(_dir.File("imagesTr/b.nii.gz"), e.Path);
        Assert.Contains("case 'b' has 2 channel(s), case 'a' has 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptySource_IsRejected()
    {
        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => DatasetPlanner.PlanAsync(new InMemoryVolumeSource("empty", []), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("holds no case to plan from", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private VolumeFileCase Files(string id) => new(id, [_dir.File($"imagesTr/{id}.nii.gz")], _dir.File($"labelsTr/{id}.nii.gz"));

    private void WriteJson(string json) => _dir.Write("dataset.json", System.Text.Encoding.UTF8.GetBytes(json));

    private async Task WriteCaseAsync(string id, int channels)
    {
        Directory.CreateDirectory(_dir.File("imagesTr"));
        Directory.CreateDirectory(_dir.File("labelsTr"));
        var phantom = WorldPhantom.Case(id, WorldPhantom.Geometry(new VolumeShape(24, 20, 16), (2, 2, 3)), (18, 16, 20), offset: 80, channels: channels);
        await VolumeFile.WriteAsync(_dir.File($"imagesTr/{id}.nii.gz"), phantom.Image, TestContext.Current.CancellationToken);
        await VolumeFile.WriteAsync(_dir.File($"labelsTr/{id}.nii.gz"), phantom.Label!, TestContext.Current.CancellationToken);
    }
}
