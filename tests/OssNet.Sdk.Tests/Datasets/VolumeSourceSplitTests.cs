// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class VolumeSourceSplitTests
{
    [Fact]
    public void Split_HoldsOutTheShareDisjointlyAndReproducibly()
    {
        var source = Source(10);

        var (training, validation) = VolumeSourceSplit.Split(source, 0.2, seed: 3);
        var (again, _) = VolumeSourceSplit.Split(source, 0.2, seed: 3);
        var (other, _) = VolumeSourceSplit.Split(source, 0.2, seed: 4);

        Assert.Equal(8, training.CaseIds.Count);
        Assert.Equal(2, validation!.CaseIds.Count);
        Assert.Empty(training.CaseIds.Intersect(validation.CaseIds));
        Assert.Equal(source.CaseIds.Order(), training.CaseIds.Concat(validation.CaseIds).Order());
        Assert.Equal(training.CaseIds, again.CaseIds);
        Assert.NotEqual(training.CaseIds, other.CaseIds);
    }

    [Fact]
    public async Task Split_SubsetsLoadOnlyTheirCases()
    {
        var (training, validation) = VolumeSourceSplit.Split(Source(5), 0.2, seed: 1);

        var loaded = await training.LoadAsync(training.CaseIds[0], TestContext.Current.CancellationToken);

        Assert.Equal(training.CaseIds[0], loaded.Id);
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await training.LoadAsync(validation!.CaseIds[0], TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Split_ZeroShare_KeepsEverythingForTraining()
    {
        var source = Source(3);

        var (training, validation) = VolumeSourceSplit.Split(source, 0, seed: 1);

        Assert.Same(source, training);
        Assert.Null(validation);
    }

    [Fact]
    public void Split_OneCase_CannotHoldOut()
    {
        var error = Assert.Throws<ArgumentException>(() => VolumeSourceSplit.Split(Source(1), 0.2, seed: 1));

        Assert.Contains("none to train on", error.Message, StringComparison.Ordinal);
    }

    private static InMemoryVolumeSource Source(int count) =>
        new("cases", Enumerable.Range(0, count).Select(i => new VolumeCase(
            $"case{i}", Volume.Zeros(VolumeGeometry.Create(new VolumeShape(2, 2, 2)), 1))));
}
