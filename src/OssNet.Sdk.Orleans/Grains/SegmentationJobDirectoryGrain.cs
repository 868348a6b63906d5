// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>The persisted state of the job directory.</summary>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.JobDirectoryRecord")]
public sealed class JobDirectoryRecord
{
    /// <summary>Gets or sets the jobs, oldest first.</summary>
    [Id(0)]
    public List<JobEntry> Jobs { get; set; } = [];
}

/// <summary>The cluster's job list (see <see cref="ISegmentationJobDirectoryGrain"/>).</summary>
internal sealed class SegmentationJobDirectoryGrain(
    [PersistentState("directory", SegmentationClusterNames.JobStorage)] IPersistentState<JobDirectoryRecord> directory)
    : Grain, ISegmentationJobDirectoryGrain
{
    public async Task RegisterAsync(string jobId, string segmenterName, DateTimeOffset createdAt)
    {
        if (directory.State.Jobs.All(j => j.JobId != jobId))
        {
            directory.State.Jobs.Add(new JobEntry(jobId, segmenterName, createdAt, IsFinished: false));
            await directory.WriteStateAsync();
        }
    }

    public async Task MarkFinishedAsync(string jobId)
    {
        var index = directory.State.Jobs.FindIndex(j => j.JobId == jobId);
        if (index >= 0 && !directory.State.Jobs[index].IsFinished)
        {
            directory.State.Jobs[index] = directory.State.Jobs[index] with { IsFinished = true };
            await directory.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<JobEntry>> ListAsync(bool runningOnly) =>
        Task.FromResult<IReadOnlyList<JobEntry>>([.. directory.State.Jobs.Where(j => !runningOnly || !j.IsFinished)]);
}
