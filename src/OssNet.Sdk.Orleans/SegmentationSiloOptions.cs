// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Sdk.Orleans;

/// <summary>How a silo's workers look for cases and keep their leases (<c>AddOssNetSegmentation</c>).</summary>
public sealed class SegmentationSiloOptions
{
    /// <summary>Gets or sets how long an idle worker waits before asking the running jobs for a case again.</summary>
    /// <value>The default value is 500 milliseconds. Range 10 milliseconds to 1 minute.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Gets or sets how often a worker tells the job that it is still segmenting a case (and learns whether the job was
    /// cancelled, which cancels the case). Keep it well below <see cref="SegmentationJobOptions.LeaseTimeout"/>.</summary>
    /// <value>The default value is 2 seconds. Range 10 milliseconds to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how often a job looks for cases lost with a dead silo or a silent worker.</summary>
    /// <value>The default value is 2 seconds. Range 10 milliseconds to 10 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan LeaseCheckInterval { get; set; } = TimeSpan.FromSeconds(2);
}
