// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Losses;

/// <summary>The multi-class losses of the dense U-Nets, against values computed by hand.</summary>
public sealed class DiceLossTests
{
    // One sample, three classes, two voxels: voxel 0 is class 1, voxel 1 is class 2.
    private static readonly float[,] s_logits = { { 2f, -1f }, { 0.5f, 0f }, { -1f, 1.5f } };
    private static readonly long[] s_targets = [1, 2];

    [Fact]
    public void CrossEntropy_EqualsMeanNegativeLogSoftmaxOfTheTarget()
    {
        using var scope = torch.NewDisposeScope();
        var p = SoftmaxByHand();
        var expected = -(Math.Log(p[1, 0]) + Math.Log(p[2, 1])) / 2;

        var loss = DiceLoss.CrossEntropy(Logits(), Targets());

        Assert.Equal(expected, loss.item<float>(), 1e-5);
    }

    [Fact]
    public void SoftMultiClass_IsOneMinusTheMeanSoftDiceOfTheForegroundClasses()
    {
        using var scope = torch.NewDisposeScope();
        var p = SoftmaxByHand();
        const double smooth = 1.0;
        var dice1 = ((2 * p[1, 0]) + smooth) / (p[1, 0] + p[1, 1] + 1 + smooth);
        var dice2 = ((2 * p[2, 1]) + smooth) / (p[2, 0] + p[2, 1] + 1 + smooth);

        var loss = DiceLoss.SoftMultiClass(Logits(), Targets());
        var combined = DiceLoss.WithCrossEntropy(Logits(), Targets());

        Assert.Equal(1 - ((dice1 + dice2) / 2), loss.item<float>(), 1e-5);
        Assert.Equal(loss.item<float>() + DiceLoss.CrossEntropy(Logits(), Targets()).item<float>(), combined.item<float>(), 1e-5);
    }

    [Fact]
    public void SoftMultiClass_ConfidentCorrectPrediction_NearZero_WrongOneNearOne()
    {
        using var scope = torch.NewDisposeScope();
        var targets = torch.tensor(new long[] { 0, 1, 2, 2 }).reshape(1, 2, 2);
        var right = torch.nn.functional.one_hot(targets, 3).permute(0, 3, 1, 2).to(ScalarType.Float32) * 40;
        var wrong = torch.nn.functional.one_hot((targets + 1) % 3, 3).permute(0, 3, 1, 2).to(ScalarType.Float32) * 40;

        Assert.InRange(DiceLoss.SoftMultiClass(right, targets).item<float>(), 0, 1e-4);
        Assert.InRange(DiceLoss.CrossEntropy(right, targets).item<float>(), 0, 1e-4);
        Assert.InRange(DiceLoss.SoftMultiClass(wrong, targets).item<float>(), 0.6, 1.0);
    }

    [Fact]
    public void MultiClassLosses_MismatchedShapes_ThrowNamingBoth()
    {
        using var scope = torch.NewDisposeScope();

        var ex = Assert.Throws<ArgumentException>(() => DiceLoss.SoftMultiClass(torch.zeros(1, 3, 4), torch.zeros(1, 5, dtype: ScalarType.Int64)));

        Assert.Contains("[1, 3, 4]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("[1, 5]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MultiClassLosses_LeakNoTensors()
    {
        using var scope = torch.NewDisposeScope();
        var logits = Logits();
        var targets = Targets();

        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var loss = DiceLoss.WithCrossEntropy(logits, targets);
        });
    }

    private static Tensor Logits() => torch.tensor(s_logits).unsqueeze(0);

    private static Tensor Targets() => torch.tensor(s_targets).unsqueeze(0);

    private static double[,] SoftmaxByHand()
    {
        var p = new double[3, 2];
        for (var v = 0; v < 2; v++)
        {
            var sum = 0.0;
            for (var c = 0; c < 3; c++)
            {
                sum += Math.Exp(s_logits[c, v]);
            }

            for (var c = 0; c < 3; c++)
            {
                p[c, v] = Math.Exp(s_logits[c, v]) / sum;
            }
        }

        return p;
    }
}
