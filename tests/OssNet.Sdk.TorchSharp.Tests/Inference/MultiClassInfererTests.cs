// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Inference;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Inference;

/// <summary>Multi-resolution inference on class labels (<see cref="MultiResolutionOccupancyInferer.RunMultiClass"/>) and the
/// multi-class encoder prior.</summary>
public sealed class MultiClassInfererTests
{
    private static readonly (long X, long Y, long Z) s_shape = (64, 48, 32);

    [Fact]
    public void RunMultiClass_BoxOracle_ReturnsExactlyTheOracleLabelMap()
    {
        using var scope = torch.NewDisposeScope();
        var expected = Dense(Boxes);

        using var multiResolution = new MultiResolutionOccupancyInferer().RunMultiClass(OneHot(Boxes, 4), 4, s_shape, cancellationToken: TestContext.Current.CancellationToken);
        using var dense = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { ResolutionStages = [1] })
            .RunMultiClass(OneHot(Boxes, 4), 4, s_shape, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, dense.Occupancy.ne(expected).sum().item<long>());
        Assert.Equal(0, multiResolution.Occupancy.ne(expected).sum().item<long>());
        Assert.Equal(3, expected.max().item<byte>());
        Assert.True(multiResolution.PointsQueried < s_shape.X * s_shape.Y * s_shape.Z / 2, $"queried {multiResolution.PointsQueried} points");
    }

    [Fact]
    public void RunMultiClass_NestedSpheres_NeverAWrongClassAndAtMostAThinMiss()
    {
        using var scope = torch.NewDisposeScope();
        var expected = Dense(Spheres);

        using var result = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { MaxPointsPerForward = 999 })
            .RunMultiClass(OneHot(Spheres, 3), 3, s_shape, keepProbabilities: true, cancellationToken: TestContext.Current.CancellationToken);

        var labelled = result.Occupancy.gt(0);
        Assert.Equal(0, result.Occupancy.ne(expected).logical_and(labelled).sum().item<long>());
        var misses = expected.ne(result.Occupancy).sum().item<long>();
        Assert.True(misses <= expected.gt(0).sum().item<long>() / 100, $"{misses} voxels missed");

        // Probabilities are 1 − P(background): 1 on every voxel the one-hot oracle labels foreground.
        Assert.True(result.Probabilities!.masked_select(labelled).eq(1).all().item<bool>());
    }

    [Fact]
    public void RunMultiClass_TwoClasses_IsTheBinaryProcedure()
    {
        using var scope = torch.NewDisposeScope();
        Tensor Probability(Tensor p)
        {
            var d = p.to(ScalarType.Float64) - torch.tensor(new double[] { 30, 20, 15 });
            return (11 - d.pow(2).sum(1).sqrt()).sigmoid().to(ScalarType.Float32);
        }

        var inferer = new MultiResolutionOccupancyInferer();
        using var binary = inferer.Run(Probability, s_shape, cancellationToken: TestContext.Current.CancellationToken);
        using var twoClasses = inferer.RunMultiClass(
            p =>
            {
                var foreground = Probability(p);
                return torch.stack([1 - foreground, foreground], dim: 1);
            },
            2,
            s_shape,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(binary.PointsPerStage, twoClasses.PointsPerStage);
        Assert.Equal(0, binary.Occupancy.ne(twoClasses.Occupancy).sum().item<long>());
        Assert.True(binary.Occupancy.sum().item<long>() > 4000);
    }

    [Fact]
    public void RunMultiClass_WrongProbabilityShape_SaysWhatIsExpected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MultiResolutionOccupancyInferer()
            .RunMultiClass(p => torch.zeros(p.shape[0], 2), 3, (8, 8, 8), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("[n, 3]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RunMultiClass_LeavesNoLiveTensors()
    {
        var inferer = new MultiResolutionOccupancyInferer(new MultiResolutionInfererOptions { MaxPointsPerForward = 500 });
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var result = inferer.RunMultiClass(OneHot(Spheres, 3), 3, (32, 32, 16), keepProbabilities: true, cancellationToken: TestContext.Current.CancellationToken);
        });
    }

    [Fact]
    public void ToFirstStageMask_ClassProbabilities_QueriesWhereTheArgmaxIsForeground()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = torch.zeros([1, 3, 2, 2, 2]);
        probabilities[0, 0] = torch.tensor(0.8f);
        probabilities[0, 1] = torch.tensor(0.1f);
        probabilities[0, 2] = torch.tensor(0.1f);
        probabilities[0, .., 1, 1, 1] = torch.tensor(new float[] { 0.05f, 0.05f, 0.9f });

        var mask = EncoderPrior.ToFirstStageMask(probabilities, (3, 3, 3));

        // Lattice point (2, 2, 1) is half cell (1, 1, 1): background 0.425 < class 2 0.5 → queried; (2, 1, 1) is a quarter:
        // background 0.6125 > class 2 0.3 → not queried. A 0.5 threshold on one class would miss (2, 2, 1) nothing else tells.
        Assert.True(mask[2, 2, 2].item<bool>());
        Assert.True(mask[2, 2, 1].item<bool>());
        Assert.False(mask[2, 1, 1].item<bool>());
        Assert.False(mask[0, 0, 0].item<bool>());
        Assert.Equal(4, mask.sum().item<long>());
    }

    // Class 1: a large box; class 2: a box inside it; class 3: a separate box.
    private static Tensor Boxes(Tensor p)
    {
        var x = p[.., 0];
        var y = p[.., 1];
        var z = p[.., 2];
        Tensor In(long x0, long x1, long y0, long y1, long z0, long z1) =>
            x.ge(x0).logical_and(x.lt(x1)).logical_and(y.ge(y0)).logical_and(y.lt(y1)).logical_and(z.ge(z0)).logical_and(z.lt(z1));
        var classes = torch.zeros(p.shape[0], ScalarType.Int64);
        classes = torch.where(In(8, 40, 9, 41, 4, 29), torch.tensor(1L), classes);
        classes = torch.where(In(17, 29, 16, 36, 10, 21), torch.tensor(2L), classes);
        return torch.where(In(44, 61, 10, 21, 6, 15), torch.tensor(3L), classes);
    }

    // Class 1: a sphere of radius 13; class 2: a sphere of radius 6 inside it, off centre.
    private static Tensor Spheres(Tensor p)
    {
        var outer = (p.to(ScalarType.Float64) - torch.tensor(new double[] { 30, 22, 15 })).pow(2).sum(1).le(13 * 13);
        var inner = (p.to(ScalarType.Float64) - torch.tensor(new double[] { 33, 20, 14 })).pow(2).sum(1).le(6 * 6);
        return torch.where(inner, torch.tensor(2L), torch.where(outer, torch.tensor(1L), torch.tensor(0L)));
    }

    private static Func<Tensor, Tensor> OneHot(Func<Tensor, Tensor> classes, int count) =>
        p => nn.functional.one_hot(classes(p), count).to(ScalarType.Float32);

    private static Tensor Dense(Func<Tensor, Tensor> classes)
    {
        var all = torch.stack(torch.meshgrid([torch.arange(s_shape.X), torch.arange(s_shape.Y), torch.arange(s_shape.Z)], indexing: "ij"), dim: -1).reshape(-1, 3);
        return classes(all).reshape(s_shape.X, s_shape.Y, s_shape.Z).to(ScalarType.Byte);
    }
}
