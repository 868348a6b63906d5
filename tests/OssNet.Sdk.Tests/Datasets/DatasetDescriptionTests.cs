// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

/// <summary>dataset.json's labels and channel names, in the MSD and the nnU-Net v2 spelling, as a <see cref="DatasetDescription"/>.</summary>
public sealed class DatasetDescriptionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Msd_LabelsByValueAndModality_BecomeTheDescription()
    {
        WriteJson("""
            {"name": "Prostate", "modality": {"1": "ADC", "0": "T2"},
             "labels": {"2": "transition zone", "0": "background", "1": "peripheral zone"}, "training": []}
            """);

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("Prostate", source.Description.Name);
        Assert.Equal(["T2", "ADC"], source.Description.ChannelNames);
        var labels = Assert.IsType<LabelSet>(source.Description.Labels);
        Assert.Equal([0, 1, 2], labels.Labels.Select(l => (int)l.Value));
        Assert.Equal("transition zone", labels.NameOf(2));
        Assert.False(labels.CollapseForeground);
        Assert.Equal(ImageModality.Mri, source.Description.ModalityOf(1));
    }

    [Fact]
    public async Task NnUNetV2_NameToValueAndChannelNames_BecomeTheDescription()
    {
        WriteJson("""{"channel_names": {"0": "CT"}, "labels": {"background": 0, "liver": 1, "tumour": 2}, "training": []}""");

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["CT"], source.Description.ChannelNames);
        Assert.Equal("0 background, 1 liver, 2 tumour", source.Description.Labels!.Describe());
        Assert.Equal(ImageModality.Ct, source.Description.ModalityOf(0));
    }

    [Fact]
    public async Task NoLabels_DescriptionHasNone()
    {
        WriteJson("""{"training": []}""");

        var source = await MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Null(source.Description.Labels);
        Assert.Empty(source.Description.ChannelNames);
        Assert.Equal(ImageModality.Unknown, source.Description.ModalityOf(0));
    }

    [Theory]
    [InlineData("""{"background": 0, "whole tumour": [1, 2, 3]}""", "labels.whole tumour is a region")]
    [InlineData("""{"0": "background", "300": "x"}""", "label value '300' is not an integer in 0..255")]
    [InlineData("""{"0": "background", "one": 1, "1": "uno"}""", "value 1 twice")]
    [InlineData("""{"0": "background", "1": "brain", "2": "Brain"}""", "do not form a label set")]
    [InlineData("""["background"]""", "\"labels\" must be an object")]
    public async Task MalformedLabels_AreRejectedNamingTheFileAndProblem(string labels, string problem)
    {
        WriteJson($$"""{"labels": {{labels}}, "training": []}""");

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => MsdVolumeSource.OpenAsync(_dir.Path, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(_dir.File("dataset.json"), e.Path);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CT", ImageModality.Ct)]
    [InlineData("ct", ImageModality.Ct)]
    [InlineData("T1w", ImageModality.Mri)]
    [InlineData("FLAIR", ImageModality.Mri)]
    [InlineData("t1gd", ImageModality.Mri)]
    [InlineData("MRI", ImageModality.Mri)]
    [InlineData("PET", ImageModality.Unknown)]
    [InlineData("", ImageModality.Unknown)]
    public void ModalityOf_ChannelName(string name, ImageModality expected) =>
        Assert.Equal(expected, DatasetDescription.ModalityOf(name));

    [Fact]
    public void FileList_DescriptionHasTheFirstCaseChannelNamesAndNoLabels()
    {
        var source = new FileListVolumeSource("list", [new VolumeFileCase("a", ["a.nii"], "a-label.nii") { ChannelNames = ["T1"] }]);

        Assert.Equal(["T1"], source.Description.ChannelNames);
        Assert.Null(source.Description.Labels);
    }

    [Fact]
    public void Brats_DescriptionNamesTheChannelsAndTheBraTs2020Classes()
    {
        var source = new BratsVolumeSource(_dir.Path);

        Assert.Equal(["FLAIR", "T1", "T1ce", "T2"], source.Description.ChannelNames);
        Assert.Equal([0, 1, 2, 4], source.Description.Labels!.Labels.Select(l => (int)l.Value));
        Assert.Equal(3, source.Description.Labels.ClassOf(4));
        Assert.Equal(ImageModality.Mri, source.Description.ModalityOf(3));
    }

    public void Dispose() => _dir.Dispose();

    private void WriteJson(string json) => _dir.Write("dataset.json", System.Text.Encoding.UTF8.GetBytes(json));
}
