// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>The result of one scaling configuration: what the child measured (one JSON line on its stdout), completed by
/// the parent with how the child process ended.</summary>
/// <remarks>Memory is the whole child process's peak resident set (Linux VmHWM): runtime, libtorch, data, model,
/// activations, gradients and optimiser state. <see cref="BaselineRssBytes"/> is the resident set after setup (data and
/// model built), just before the measured work.</remarks>
internal sealed record ScalingMeasurement
{
    /// <summary>Status of a configuration that completed.</summary>
    public const string Ok = "ok";

    /// <summary>Status of a configuration that ran out of memory under the address-space cap.</summary>
    public const string OutOfMemory = "oom";

    /// <summary>Status of a configuration that failed otherwise (the error says how).</summary>
    public const string Failed = "failed";

    /// <summary>Status of a configuration killed at its deadline.</summary>
    public const string TimedOut = "timeout";

    /// <summary>Status of a configuration not run because the budget could not fit it.</summary>
    public const string Skipped = "skipped";

    public required string Model { get; init; }

    public required string Size { get; init; }

    public required string Mode { get; init; }

    public required string Status { get; init; }

    /// <summary>Gets the preset family: "paper" (BraTS presets) or "tiny" (smoke runs).</summary>
    public string Preset { get; init; } = "paper";

    public long Voxels { get; init; }

    public long? PeakRssBytes { get; init; }

    public long? BaselineRssBytes { get; init; }

    /// <summary>Gets the peak virtual address space (VmPeak), the quantity the <c>prlimit --as</c> cap limits.</summary>
    public long? PeakAddressSpaceBytes { get; init; }

    /// <summary>Gets the wall-clock seconds of the measured work (the step, or segmenting the volume).</summary>
    public double? WallSeconds { get; init; }

    /// <summary>Gets the CPU seconds (all threads) of the measured work.</summary>
    public double? CpuSeconds { get; init; }

    /// <summary>Gets the wall-clock seconds of building the data and the model.</summary>
    public double? SetupSeconds { get; init; }

    public long? TrainableParameters { get; init; }

    /// <summary>Gets the points per training step, or the points queried at inference (occupancy models).</summary>
    public long? Points { get; init; }

    /// <summary>Gets libtorch's intra-op threads.</summary>
    public int? Threads { get; init; }

    /// <summary>Gets a description of exactly what was run.</summary>
    public string? Workload { get; init; }

    public string? Error { get; init; }

    /// <summary>Gets the address-space cap the child ran under (set by the parent).</summary>
    public long? AddressSpaceCapBytes { get; init; }

    /// <summary>Gets the child's whole life in wall-clock seconds, start-up included (set by the parent).</summary>
    public double? ChildWallSeconds { get; init; }

    /// <summary>Gets the child's exit code (set by the parent).</summary>
    public int? ExitCode { get; init; }
}
