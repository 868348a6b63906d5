// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Losses;

public sealed class OccupancyLossTests
{
    [Fact]
    public void BinaryCrossEntropy_EqualsTheReferenceClampedProbabilityFormula()
    {
        using var scope = torch.NewDisposeScope();
        var logits = torch.tensor(new double[] { -30, -13.9, -5, -0.3, 0, 0.7, 4, 13.7, 25 });
        var targets = torch.tensor(new double[] { 0, 1, 1, 0, 1, 0, 1, 0, 1 });
        var p = logits.sigmoid().clamp(1e-6, 1 - 1e-6);
        var reference = -((targets * p.log()) + ((1 - targets) * (1 - p).log())).mean();

        var ours = OccupancyLoss.BinaryCrossEntropy(logits, targets);

        Assert.Equal(reference.item<double>(), ours.item<double>(), 9);
    }

    [Fact]
    public void LowResolutionTarget_AnyForegroundVoxelMarksItsCell()
    {
        using var scope = torch.NewDisposeScope();
        var labels = torch.zeros([1, 16, 16, 10], ScalarType.Byte);
        labels[0, 9, 3, 7] = torch.tensor((byte)4);

        var target = OccupancyLoss.LowResolutionTarget(labels, (8, 8, 5));

        Assert.Equal(new long[] { 1, 1, 8, 8, 5 }, target.shape);
        Assert.Equal(1f, target[0, 0, 4, 1, 3].item<float>());
        Assert.Equal(1f, target.sum().item<float>());
    }

    [Fact]
    public void Total_AddsTheWeightedAuxiliaryTerm()
    {
        using var scope = torch.NewDisposeScope();
        var pointLogits = torch.tensor(new float[] { 1, -2, 0.5f }).reshape(1, 3, 1);
        var pointLabels = torch.tensor(new float[] { 1, 0, 0 }).reshape(1, 3, 1);
        var lowLogits = torch.tensor(new float[] { 2, -1 }).reshape(1, 1, 2, 1, 1);
        var lowTarget = torch.tensor(new float[] { 0, 0 }).reshape(1, 1, 2, 1, 1);

        var total = OccupancyLoss.Total(pointLogits, pointLabels, lowLogits, lowTarget, 0.1).item<float>();
        var expected = OccupancyLoss.BinaryCrossEntropy(pointLogits, pointLabels).item<float>()
            + (0.1f * OccupancyLoss.BinaryCrossEntropy(lowLogits, lowTarget).item<float>());

        Assert.Equal(expected, total, 6);
        Assert.Equal(OccupancyLoss.BinaryCrossEntropy(pointLogits, pointLabels).item<float>(), OccupancyLoss.Total(pointLogits, pointLabels, null, null).item<float>(), 6);
    }

    [Fact]
    public void Dice_IdenticalIsNearZero_DisjointIsNearOne()
    {
        using var scope = torch.NewDisposeScope();
        var target = torch.zeros([2, 1, 4, 4, 4]);
        target[.., .., 0..2] = torch.tensor(1f);
        var perfect = (target * 40) - 20; // logits ±20
        var inverted = -perfect;

        Assert.True(DiceLoss.Soft(perfect, target).item<float>() < 1e-3);
        Assert.True(DiceLoss.Soft(inverted, target).item<float>() > 0.95);
        Assert.True(DiceLoss.WithBinaryCrossEntropy(inverted, target).item<float>() > DiceLoss.Soft(inverted, target).item<float>());
    }
}
