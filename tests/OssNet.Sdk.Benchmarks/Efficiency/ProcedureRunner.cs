// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Benchmarks.Common;
using OssNet.Sdk.TorchSharp.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.Benchmarks.Efficiency;

/// <summary>Runs the multi-resolution procedure (stages 4-2-1, τ = 0.5, 2^14 points per call) and scores its mask.</summary>
internal static class ProcedureRunner
{
    private static readonly MultiResolutionOccupancyInferer s_inferer = new();

    /// <summary>Gets the stride-4 lattice shape of a grid.</summary>
    public static (long X, long Y, long Z) Lattice((long X, long Y, long Z) grid) => s_inferer.FirstStageLatticeShape(grid);

    /// <summary>Runs the procedure; <paramref name="prepare"/> (timed with it) returns the occupancy function and the optional
    /// first-stage mask, so a model's encoder pass counts towards the time per volume.</summary>
    /// <param name="prepare">Builds the query function and prior; runs inside the caller's dispose scope.</param>
    /// <param name="grid">The full-resolution grid.</param>
    /// <param name="label">The phantom's binary label [X, Y, Z] (uint8), for the Dice.</param>
    /// <returns>The result and the occupancy grid [X, Y, Z] (uint8; the caller owns it).</returns>
    public static (ProcedureResult Result, Tensor Occupancy) Run(
        Func<(Func<Tensor, Tensor> Query, Tensor? Prior)> prepare, (long X, long Y, long Z) grid, Tensor label)
    {
        var clock = new ResourceClock();
        using var scope = torch.NewDisposeScope();
        var (query, prior) = prepare();
        using var result = s_inferer.Run(query, grid, torch.CPU, prior);
        var wall = clock.WallSeconds;
        var cpu = clock.CpuSeconds;
        var occupancy = result.Occupancy.clone();
        var predicted = occupancy.sum().item<long>();
        var reference = label.sum(type: ScalarType.Int64).item<long>();
        var intersection = occupancy.logical_and(label).sum().item<long>();
        var dice = predicted + reference == 0 ? 1.0 : 2.0 * intersection / (predicted + reference);
        return (new ProcedureResult([.. result.PointsPerStage], result.PointsQueried, wall, cpu, predicted, dice), occupancy.MoveToOuterDisposeScope());
    }

    /// <summary>Compares the standard and the prior procedure on one case.</summary>
    public static CaseComparison Compare(
        string caseId,
        Tensor label,
        Func<(Func<Tensor, Tensor> Query, Tensor? Prior)> standard,
        Func<(Func<Tensor, Tensor> Query, Tensor? Prior)> withPrior)
    {
        var grid = (label.shape[0], label.shape[1], label.shape[2]);
        var (standardResult, standardGrid) = Run(standard, grid, label);
        using (standardGrid)
        {
            var (priorResult, priorGrid) = Run(withPrior, grid, label);
            using (priorGrid)
            using (var differs = standardGrid.ne(priorGrid))
            using (var count = differs.sum())
            using (var labelSum = label.sum(type: ScalarType.Int64))
            {
                return new CaseComparison(
                    caseId, label.numel(), labelSum.item<long>(), standardResult, priorResult, count.item<long>());
            }
        }
    }
}
