// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

/// <summary>
/// Guards against phantoms that a threshold solves: the best single-channel intensity interval, chosen with the answer
/// known (an oracle no model has), must stay well below what a segmentation model is expected to reach.
/// </summary>
public sealed class PhantomHardnessTests
{
    [Theory]
    [InlineData(PhantomKind.BrainTumour, 0, 0.9)]
    [InlineData(PhantomKind.BrainTumour, 1, 0.9)]
    [InlineData(PhantomKind.AbdomenLiver, 0, 0.7)]
    public void BestSingleChannelInterval_DoesNotSolveTheTask(PhantomKind kind, int seed, double ceiling)
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Kind = kind, Seed = seed, Shape = new VolumeShape(96, 96, 60) });
        var truth = phantom.Label!.ToBinary().Labels.Span;

        var best = 0.0;
        for (var c = 0; c < phantom.Image.Channels; c++)
        {
            best = Math.Max(best, BestIntervalDice(phantom.Image.Channel(c).Span, truth));
        }

        Assert.True(best < ceiling, $"{kind}: an intensity interval reaches Dice {best:F3}");
        Assert.True(best > 0.2, $"{kind}: no intensity interval finds the target at all (Dice {best:F3})");
    }

    /// <summary>The best Dice of "value in [a, b)" over a 1024-bin histogram of the channel.</summary>
    private static double BestIntervalDice(ReadOnlySpan<float> values, ReadOnlySpan<byte> truth)
    {
        const int Bins = 1024;
        var (lo, hi) = (float.MaxValue, float.MinValue);
        foreach (var v in values)
        {
            (lo, hi) = (Math.Min(lo, v), Math.Max(hi, v));
        }

        var positive = new long[Bins + 1];
        var negative = new long[Bins + 1];
        long truthCount = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var bin = Math.Clamp((int)((values[i] - lo) / (hi - lo) * (Bins - 1)), 0, Bins - 1) + 1;
            if (truth[i] > 0)
            {
                positive[bin]++;
                truthCount++;
            }
            else
            {
                negative[bin]++;
            }
        }

        for (var b = 1; b <= Bins; b++)
        {
            positive[b] += positive[b - 1];
            negative[b] += negative[b - 1];
        }

        var best = 0.0;
        for (var a = 0; a < Bins; a += 4)
        {
            for (var b = a + 4; b <= Bins; b += 4)
            {
                var tp = positive[b] - positive[a];
                var fp = negative[b] - negative[a];
                best = Math.Max(best, 2.0 * tp / (tp + fp + truthCount));
            }
        }

        return best;
    }
}
