// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Functional;
using OssNet.Sdk.TorchSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Losses;

/// <summary>Cross-entropy and the majority low-resolution target of multi-class occupancy models.</summary>
public sealed class OccupancyLossMultiClassTests
{
    [Fact]
    public void CrossEntropy_EqualsTheHandComputation()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 2, 0, -1, 0.5f, 0.5f, 3 }).reshape(1, 2, 3);
        var targets = torch.tensor(new long[] { 0, 2 }).reshape(1, 2);

        var loss = OccupancyLoss.CrossEntropy(logits, targets).item<float>();

        var first = -Math.Log(Math.Exp(2) / (Math.Exp(2) + 1 + Math.Exp(-1)));
        var second = -Math.Log(Math.Exp(3) / ((2 * Math.Exp(0.5)) + Math.Exp(3)));
        Assert.Equal((first + second) / 2, loss, 5);
    }

    [Fact]
    public void CrossEntropy_ClampsTheTrueClassProbabilityLikeTheReference()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new float[] { 40, 0, 0 }, requires_grad: true);
        var wrong = OccupancyLoss.CrossEntropy(logits.reshape(1, 3), torch.tensor(new long[] { 1 }));
        Assert.Equal(-Math.Log(1e-6), wrong.item<float>(), 4); // saturates at −ln 1e-6 ≈ 13.8155
        wrong.backward();
        Assert.Equal(0f, logits.grad!.abs().sum().item<float>()); // no gradient beyond the clamp, as the reference's

        var right = OccupancyLoss.CrossEntropy(torch.tensor(new float[] { 40, 0, 0 }).reshape(1, 3), torch.tensor(new long[] { 0 }));
        Assert.Equal(-Math.Log(1 - 1e-6), right.item<float>(), 6);
    }

    [Fact]
    public void LowResolutionTarget_MultiClass_AnyForegroundThenMajorityClass()
    {
        using var scope = torch.NewDisposeScope();

        // Four 2×2×1 cells along x and y of a 4×4×1 grid.
        var labels = torch.zeros([1, 4, 4, 1], ScalarType.Byte);
        labels[0, 0, 0, 0] = torch.tensor((byte)2); // cell (0, 0): one class-2 voxel among background → 2
        labels[0, 2, 0, 0] = torch.tensor((byte)1); // cell (1, 0): three class-1 voxels and one class-2 → 1
        labels[0, 3, 0, 0] = torch.tensor((byte)1);
        labels[0, 2, 1, 0] = torch.tensor((byte)1);
        labels[0, 3, 1, 0] = torch.tensor((byte)2);
        labels[0, 2, 2, 0] = torch.tensor((byte)2); // cell (1, 1): two of each → the lower index, 1
        labels[0, 3, 2, 0] = torch.tensor((byte)2);
        labels[0, 2, 3, 0] = torch.tensor((byte)1);
        labels[0, 3, 3, 0] = torch.tensor((byte)1);

        var target = OccupancyLoss.LowResolutionTarget(labels, (2, 2, 1), classes: 3);

        Assert.Equal(new long[] { 1, 2, 2, 1 }, target.shape);
        Assert.Equal(ScalarType.Int64, target.dtype);
        Assert.Equal(new long[] { 2, 0, 1, 1 }, target.reshape(-1).data<long>().ToArray());
        Assert.Equal(OccupancyLoss.LowResolutionTarget(labels, (2, 2, 1)).reshape(-1).data<float>().ToArray(), new float[] { 1, 0, 1, 1 });
    }

    [Fact]
    public void Total_MultiClass_IsCrossEntropyOfPointsPlusWeightedCrossEntropyOfTheHead()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(4);
        var pointLogits = torch.randn([2, 5, 3], generator: generator);
        var pointClasses = torch.randint(0, 3, [2, 5], generator: generator);
        var lowLogits = torch.randn([2, 3, 2, 2, 1], generator: generator);
        var lowTarget = torch.randint(0, 3, [2, 2, 2, 1], generator: generator);

        var total = OccupancyLoss.Total(pointLogits, pointClasses, lowLogits, lowTarget, 0.1).item<float>();

        var head = OccupancyLoss.CrossEntropy(lowLogits.permute(0, 2, 3, 4, 1), lowTarget).item<float>();
        Assert.Equal(OccupancyLoss.CrossEntropy(pointLogits, pointClasses).item<float>() + (0.1f * head), total, 5);
        Assert.True(head > 0.3f);
    }

    [Fact]
    public void AveragePool3d_UnequalCells_AreMeansOverPyTorchsCells()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.arange(5f).reshape(1, 1, 5, 1, 1);

        var pooled = AdaptivePooling.AveragePool3d(input, (2, 1, 1)).reshape(-1).data<float>().ToArray();

        // PyTorch's cells of 5 → 2: [0, 3) and [2, 5).
        Assert.Equal(new[] { 1f, 3f }, pooled);
    }
}
