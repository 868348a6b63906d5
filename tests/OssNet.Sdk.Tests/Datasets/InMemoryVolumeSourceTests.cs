// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Datasets;

public sealed class InMemoryVolumeSourceTests
{
    private static VolumeCase Case(string id) => new(id, TestVolumes.Image(new VolumeShape(2, 2, 2)));

    [Fact]
    public async Task ReadAllAsync_ReturnsCasesInGivenOrder()
    {
        var b = Case("b");
        var source = new InMemoryVolumeSource("memory", [b, Case("a")]);

        var ids = new List<string>();
        await foreach (var c in source.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(c.Id);
        }

        Assert.Equal(["b", "a"], ids);
        Assert.Same(b, await source.LoadAsync("b", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LoadAsync_UnknownOrDuplicate_Throw()
    {
        var source = new InMemoryVolumeSource("memory", [Case("a")]);

        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await source.LoadAsync("z", TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentException>(() => new InMemoryVolumeSource("memory", [Case("a"), Case("a")]));
    }
}
