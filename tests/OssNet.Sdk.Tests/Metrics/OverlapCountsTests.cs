// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class OverlapCountsTests
{
    [Fact]
    public void Count_ByteMasks_CountsForegroundAsNonZero()
    {
        byte[] prediction = [0, 1, 2, 0, 255, 1];
        byte[] reference = [0, 1, 0, 3, 1, 0];

        var counts = OverlapCounts.Count(prediction, reference);

        Assert.Equal(new OverlapCounts(Predicted: 4, Reference: 3, Intersection: 2), counts);
        Assert.Equal(5, counts.Union);
    }

    [Fact]
    public void Count_Probabilities_BinarisesStrictlyAboveHalf()
    {
        float[] probabilities = [0.5f, 0.50001f, 0.9f, 0.1f];
        byte[] labels = [1, 1, 0, 0];

        var counts = OverlapCounts.Count(probabilities, labels);

        Assert.Equal(new OverlapCounts(Predicted: 2, Reference: 2, Intersection: 1), counts);
    }

    [Fact]
    public void Count_FloatLabels_TreatsOneAsForeground()
    {
        float[] probabilities = [0.7f, 0.7f, 0.2f];
        float[] labels = [1f, 0f, 1f];

        Assert.Equal(new OverlapCounts(2, 2, 1), OverlapCounts.Count(probabilities, labels));
    }

    [Fact]
    public void Count_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => OverlapCounts.Count(new byte[3], new byte[4]));
        Assert.Contains("3", error.Message, StringComparison.Ordinal);
        Assert.Contains("4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, 0, 1.0, 1.0)] // both empty: defined as perfect
    [InlineData(0, 5, 0, 0.0, 0.0)] // empty prediction
    [InlineData(5, 0, 0, 0.0, 0.0)] // empty reference
    [InlineData(8, 8, 4, 0.5, 1.0 / 3.0)] // half overlap
    [InlineData(6, 6, 0, 0.0, 0.0)] // disjoint
    public void Scores_HandComputedCounts_MatchDefinition(long predicted, long reference, long intersection, double dice, double iou)
    {
        var counts = new OverlapCounts(predicted, reference, intersection);

        Assert.Equal(dice, counts.Dice, 1e-9);
        Assert.Equal(iou, counts.IntersectionOverUnion, 1e-9);
    }

    [Fact]
    public void Scores_IdenticalSingleVoxel_AreOneWithinReferenceEpsilon()
    {
        var counts = new OverlapCounts(1, 1, 1);

        // The reference's formula: 2/(2 + 1e-10) and 1/(1 + 1e-10): below 1 by about the epsilon.
        Assert.Equal(2.0 / (2.0 + 1e-10), counts.Dice);
        Assert.Equal(1.0 / (1.0 + 1e-10), counts.IntersectionOverUnion);
        Assert.InRange(1.0 - counts.Dice, 0.0, 1e-10);
    }

    [Fact]
    public void AsReference_BothEmpty_ZeroAsTheReferenceFormula()
    {
        var empty = new OverlapCounts(0, 0, 0);
        var half = new OverlapCounts(8, 8, 4);

        Assert.Equal(0.0, empty.DiceAsReference);
        Assert.Equal(0.0, empty.IntersectionOverUnionAsReference);
        Assert.Equal(half.Dice, half.DiceAsReference);
        Assert.Equal(half.IntersectionOverUnion, half.IntersectionOverUnionAsReference);
    }
}
