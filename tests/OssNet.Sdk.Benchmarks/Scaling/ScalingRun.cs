// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Common;

namespace OssNet.Sdk.Benchmarks.Scaling;

/// <summary>The document a <c>scaling</c> run writes (docs/benchmarks/data/scaling.json) and prints: how it was run, on
/// what machine, and one <see cref="ScalingMeasurement"/> per configuration.</summary>
internal sealed record ScalingRun
{
    public required string Command { get; init; }

    public required MachineSnapshot Machine { get; init; }

    public required string LoadAverageAtStart { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required double TotalMinutes { get; init; }

    public required double BudgetMinutes { get; init; }

    public required long AddressSpaceCapBytes { get; init; }

    public required bool Smoke { get; init; }

    public required int Points { get; init; }

    public required int Slices { get; init; }

    public required IReadOnlyList<ScalingMeasurement> Results { get; init; }
}
