// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Common;

namespace OssNet.Sdk.Benchmarks.Efficiency;

/// <summary>One run of a multi-resolution procedure on one volume.</summary>
/// <param name="PointsPerStage">Points queried in stages s = 4, 2, 1.</param>
/// <param name="PointsQueried">Their sum.</param>
/// <param name="WallSeconds">Wall time of the procedure (for trained models: encoder, patch views and all queries).</param>
/// <param name="CpuSeconds">CPU time of the same.</param>
/// <param name="ForegroundVoxels">Voxels the procedure marks as foreground.</param>
/// <param name="Dice">Dice of that mask against the phantom's label.</param>
internal sealed record ProcedureResult(
    IReadOnlyList<long> PointsPerStage, long PointsQueried, double WallSeconds, double CpuSeconds, long ForegroundVoxels, double Dice);

/// <summary>The standard procedure (§4.1) against the encoder-prior procedure (§4.2) on one volume.</summary>
/// <param name="CaseId">The phantom.</param>
/// <param name="GridVoxels">Voxels of the full-resolution (padded) grid: the dense query count.</param>
/// <param name="LabelVoxels">Foreground voxels of the phantom's label.</param>
/// <param name="Standard">Every stride-4 lattice point in stage 1.</param>
/// <param name="WithPrior">Only the stride-4 points the low-resolution head marks.</param>
/// <param name="DisagreementVoxels">Voxels where the two masks differ (the reference's "Disagreement").</param>
internal sealed record CaseComparison(
    string CaseId, long GridVoxels, long LabelVoxels, ProcedureResult Standard, ProcedureResult WithPrior, long DisagreementVoxels);

/// <summary>How the briefly trained model was trained.</summary>
internal sealed record TrainingRecord(
    string Model,
    string Architecture,
    long TrainableParameters,
    int TrainingCases,
    int Epochs,
    int Steps,
    int PointsPerVolume,
    string Settings,
    double WallSeconds,
    double FirstEpochLoss,
    double FinalLoss);

/// <summary>The document <c>inference-efficiency</c> writes (docs/benchmarks/data/inference-efficiency.json).</summary>
internal sealed record EfficiencyRun
{
    public required string Command { get; init; }

    public required MachineSnapshot Machine { get; init; }

    public required string LoadAverageAtEnd { get; init; }

    public required DateTimeOffset StartedUtc { get; init; }

    public required double TotalMinutes { get; init; }

    public required string PhantomShape { get; init; }

    public required string GridShape { get; init; }

    public required string Phantoms { get; init; }

    public required IReadOnlyList<CaseComparison> Oracle { get; init; }

    public TrainingRecord? Training { get; init; }

    public IReadOnlyList<CaseComparison>? Trained { get; init; }

    public long? PeakRssBytes { get; init; }
}
