// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

public sealed class SyntheticPhantomSourceTests
{
    private static SyntheticPhantomOptions Options() => new() { Seed = 12, Shape = new VolumeShape(32, 32, 20) };

    [Fact]
    public void CaseIds_AreNumberedPhantoms()
    {
        var source = new SyntheticPhantomSource(Options(), 3);

        Assert.Equal(["phantom-000", "phantom-001", "phantom-002"], source.CaseIds);
        Assert.Equal(3, source.Count);
        Assert.Contains("seed 12", source.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_GeneratesCaseIFromSeedAndIndex()
    {
        var source = new SyntheticPhantomSource(Options(), 3);

        var loaded = await source.LoadAsync("phantom-002", TestContext.Current.CancellationToken);
        var direct = SyntheticPhantoms.Generate(Options(), 2);

        Assert.Equal("phantom-002", loaded.Id);
        Assert.True(loaded.Image.Voxels.Span.SequenceEqual(direct.Image.Voxels.Span));
        Assert.True(loaded.Label!.Labels.Span.SequenceEqual(direct.Label!.Labels.Span));
    }

    [Fact]
    public async Task LoadAsync_UnknownId_ThrowsKeyNotFound()
    {
        var source = new SyntheticPhantomSource(Options(), 2);

        var error = await Assert.ThrowsAsync<KeyNotFoundException>(async () => await source.LoadAsync("phantom-002", TestContext.Current.CancellationToken));
        Assert.Contains("phantom-002", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAllAsync_YieldsEveryCaseInOrder()
    {
        var source = new SyntheticPhantomSource(Options(), 3);
        var ids = new List<string>();

        await foreach (var c in source.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(c.Id);
        }

        Assert.Equal(source.CaseIds, ids);
    }

    [Fact]
    public async Task Constructor_CopiesOptions()
    {
        var options = Options();
        var source = new SyntheticPhantomSource(options, 1);
        var before = await source.LoadAsync("phantom-000", TestContext.Current.CancellationToken);

        options.Seed = 99;
        var after = await source.LoadAsync("phantom-000", TestContext.Current.CancellationToken);

        Assert.True(before.Image.Voxels.Span.SequenceEqual(after.Image.Voxels.Span));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticPhantomSource(Options(), 0));
        Assert.Throws<ArgumentException>(() => new SyntheticPhantomSource(new SyntheticPhantomOptions { MaxLesionCount = 0 }, 1));
    }

    [Fact]
    public void LoadDetailed_ReturnsGroundTruth()
    {
        var phantom = new SyntheticPhantomSource(Options(), 2).LoadDetailed(1);

        Assert.Equal("phantom-001", phantom.Case.Id);
        Assert.Equal(phantom.Case.Image.Shape, phantom.Tissues.Shape);
        Assert.NotEmpty(phantom.Lesions);
    }
}
