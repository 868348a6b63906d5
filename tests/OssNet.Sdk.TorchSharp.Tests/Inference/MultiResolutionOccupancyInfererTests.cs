// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Inference;

public sealed class MultiResolutionOccupancyInfererTests
{
    [Fact]
    public void Run_BraTsGrid_FirstStageQueriesTheStride4Lattice()
    {
        // Spec Appendix B.5: 64·64·40 = 163,840 stage-1 points on 256×256×160; an empty oracle stops there.
        var inferer = new MultiResolutionOccupancyInferer();
        using var result = inferer.Run(points => torch.zeros(points.shape[0]), (256, 256, 160), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new long[] { 163_840, 0, 0 }, result.PointsPerStage);
        Assert.Equal(0, result.Occupancy.sum().item<long>());
    }

    [Fact]
    public void ResolutionStages_SetTheFirstLatticeAndTheStageCount()
    {
        var inferer = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { ResolutionStages = [2, 1] });
        using var result = inferer.Run(points => torch.zeros(points.shape[0]), (256, 256, 160), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new long[] { 128 * 128 * 80, 0 }, result.PointsPerStage);
    }

    [Theory]
    [InlineData(10.0, 30, 31, 19)]
    [InlineData(6.5, 20, 22, 12)]
    public void Run_SphereOracle_ReproducesTheOracleMask(double radius, int cx, int cy, int cz)
    {
        using var scope = torch.NewDisposeScope();
        var shape = (X: 64L, Y: 64L, Z: 40L);
        Tensor Oracle(Tensor p)
        {
            var d = p.to(ScalarType.Float64) - torch.tensor(new double[] { cx, cy, cz });
            return d.pow(2).sum(1).le(radius * radius).to(ScalarType.Float32);
        }

        var all = torch.stack(torch.meshgrid([torch.arange(shape.X), torch.arange(shape.Y), torch.arange(shape.Z)], indexing: "ij"), dim: -1).reshape(-1, 3);
        var expected = Oracle(all).reshape(shape.X, shape.Y, shape.Z).to(ScalarType.Byte);

        var inferer = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { MaxPointsPerForward = 1000 });
        using var result = inferer.Run(Oracle, shape, cancellationToken: TestContext.Current.CancellationToken);

        // Never a false positive; a surface voxel can be missed when none of its Chebyshev-1 neighbours on the
        // even lattice is inside (the reference procedure has no further refinement), so allow a thin miss.
        var falsePositives = result.Occupancy.gt(expected).sum().item<long>();
        var misses = expected.gt(result.Occupancy).sum().item<long>();
        var foreground = expected.sum().item<long>();
        Assert.Equal(0, falsePositives);
        Assert.True(misses <= foreground / 100, $"{misses} of {foreground} foreground voxels missed");
        Assert.True(result.PointsQueried < shape.X * shape.Y * shape.Z / 4, $"queried {result.PointsQueried} points");
    }

    [Fact]
    public void Run_WithFirstStageMask_QueriesOnlyMaskedLatticePoints()
    {
        var inferer = new MultiResolutionOccupancyInferer();
        using var mask = torch.zeros([8, 8, 5], ScalarType.Bool);
        mask[2, 3, 1] = torch.tensor(true);
        mask[4, 4, 4] = torch.tensor(true);
        var queried = new List<long[]>();

        using var result = inferer.Run(
            p =>
            {
                queried.AddRange(Enumerable.Range(0, (int)p.shape[0]).Select(i => p[i].data<long>().ToArray()));
                return torch.zeros(p.shape[0]);
            },
            (32, 32, 20),
            firstStageMask: mask,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, result.PointsPerStage[0]);
        Assert.Contains(queried, q => q.SequenceEqual(new long[] { 8, 12, 4 }));
        Assert.Contains(queried, q => q.SequenceEqual(new long[] { 16, 16, 16 }));
    }

    [Fact]
    public void Run_ChunkSize_NeverExceeded_AndProbabilitiesKept()
    {
        var inferer = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { MaxPointsPerForward = 100 });
        var largest = 0L;
        using var result = inferer.Run(
            p =>
            {
                largest = Math.Max(largest, p.shape[0]);
                return torch.full(p.shape[0], 0.75f);
            },
            (16, 16, 16),
            keepProbabilities: true,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(largest <= 100);
        Assert.Equal(16 * 16 * 16, result.Occupancy.sum().item<long>()); // everything positive → everything reached
        Assert.Equal(0.75f, result.Probabilities![5, 6, 7].item<float>());
    }

    [Fact]
    public void Run_LeavesNoLiveTensors()
    {
        var inferer = new MultiResolutionOccupancyInferer();
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var r = inferer.Run(p => p[.., 0].lt(6).to(ScalarType.Float32), (16, 12, 8), keepProbabilities: true, cancellationToken: TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public void Run_Cancelled_Throws()
    {
        var inferer = new MultiResolutionOccupancyInferer();
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() => inferer.Run(p => torch.zeros(p.shape[0]), (8, 8, 8), cancellationToken: cts.Token));
    }

    [Theory]
    [InlineData(new[] { 4, 2 })]
    [InlineData(new[] { 2, 4, 1 })]
    [InlineData(new int[0])]
    public void Options_Invalid_Throw(int[] stages)
    {
        Assert.Throws<ArgumentException>(() => new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { ResolutionStages = stages }));
    }

    [Fact]
    public void EncoderPrior_UpsamplesAlignCornersAndThresholds()
    {
        using var low = torch.zeros([1, 1, 2, 2, 2]);
        low[0, 0, 1, 1, 1] = torch.tensor(1f);
        using var mask = EncoderPrior.ToFirstStageMask(low, (5, 5, 5));
        Assert.Equal(new long[] { 5, 5, 5 }, mask.shape);
        Assert.True(mask[4, 4, 4].item<bool>());
        Assert.False(mask[0, 0, 0].item<bool>());
        Assert.False(mask[2, 2, 2].item<bool>()); // trilinear value 0.125 at the centre
    }
}
