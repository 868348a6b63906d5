// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.ComponentModel.DataAnnotations;

namespace OssNet.Sdk.Orleans;

/// <summary>How a segmentation job treats failures: how often a case is tried and when a silo's silence means it is lost.</summary>
[GenerateSerializer]
[Alias("OssNet.Sdk.Orleans.SegmentationJobOptions")]
public sealed class SegmentationJobOptions
{
    /// <summary>Gets or sets how many times a case is tried (on different silos where there are several) before it is reported
    /// as failed with the reasons of every attempt. A case lost with a dead silo counts as an attempt.</summary>
    /// <value>The default value is 3. Range 1 to 100.</value>
    [Id(0)]
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Gets or sets how long a leased case may go without a heartbeat from the silo segmenting it before the job
    /// takes it back and hands it to another silo. Silos send one every <see cref="SegmentationSiloOptions.HeartbeatInterval"/>;
    /// a silo that the cluster declares dead loses its cases at once, without waiting for this.</summary>
    /// <value>The default value is 60 seconds. Range 1 second to 1 day.</value>
    [Id(1)]
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LeaseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Checks the options.</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
}
