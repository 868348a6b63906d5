// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using OssNet.Sdk.Orleans.Grains;
using OssNet.Sdk.Orleans.Storage;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>The folder-backed grain storage that lets jobs survive any silo of a shared-disk cluster.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ossnet-grain-storage-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly GrainId _grain = GrainId.Create("segmentationjob", "20261203-job/1");

    private FileGrainStorage Storage => new(_folder, new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()));

    [Fact]
    public async Task WriteThenRead_AnotherInstance_ReturnsTheStateAndETag()
    {
        var written = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord
        {
            OutputFolder = "/shared/masks",
            Cases = [new CaseRecord { CaseId = "case_007", Attempts = 2, Errors = ["attempt 1 on s1: lost"] }],
        });
        await Storage.WriteStateAsync("job", _grain, written);

        var read = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord());
        await Storage.ReadStateAsync("job", _grain, read); // a second instance: what another silo sees

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("/shared/masks", read.State!.OutputFolder);
        var only = Assert.Single(read.State!.Cases);
        Assert.Equal(("case_007", 2, "attempt 1 on s1: lost"), (only.CaseId, only.Attempts, Assert.Single(only.Errors)));
        Assert.Single(Directory.EnumerateFiles(_folder, "*", SearchOption.AllDirectories)); // no temporary files left
    }

    [Fact]
    public async Task WriteStateAsync_StaleETag_ThrowsInconsistentState_AndKeepsTheNewerState()
    {
        var first = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord { OutputFolder = "/a" });
        await Storage.WriteStateAsync("job", _grain, first);
        var stale = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord { OutputFolder = "/b" }, first.ETag);
        first.State!.OutputFolder = "/c";
        await Storage.WriteStateAsync("job", _grain, first);

        await Assert.ThrowsAsync<InconsistentStateException>(() => Storage.WriteStateAsync("job", _grain, stale));

        var read = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord());
        await Storage.ReadStateAsync("job", _grain, read);
        Assert.Equal("/c", read.State!.OutputFolder);
    }

    [Fact]
    public async Task ReadAndClear_MissingOrCleared_RecordDoesNotExist()
    {
        var missing = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord());
        await Storage.ReadStateAsync("job", _grain, missing);
        Assert.False(missing.RecordExists);

        var state = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord { OutputFolder = "/a" });
        await Storage.WriteStateAsync("job", _grain, state);
        await Storage.ClearStateAsync("job", _grain, state);
        var read = new GrainState<SegmentationJobRecord>(new SegmentationJobRecord());
        await Storage.ReadStateAsync("job", _grain, read);

        Assert.False(read.RecordExists);
        Assert.Null(state.ETag);
    }

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
