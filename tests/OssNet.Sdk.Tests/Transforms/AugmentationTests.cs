// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Transforms;

public sealed class AugmentationTests
{
    [Fact]
    public void RandomInPlaneFlip_SameSeed_SameSequence()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(5, 4, 3));
        var a = new RandomInPlaneFlip(seed: 7);
        var b = new RandomInPlaneFlip(seed: 7);

        for (var i = 0; i < 12; i++)
        {
            var ra = a.Apply(input);
            var rb = b.Apply(input);
            Assert.Equal(ra.Step.Description, rb.Step.Description);
            Assert.True(ra.Case.Image.Voxels.Span.SequenceEqual(rb.Case.Image.Voxels.Span));
        }
    }

    [Fact]
    public void RandomInPlaneFlip_FlipsImageAndLabelAlike_NeverZ_AffineKept()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(5, 4, 3), channels: 2);
        var flip = new RandomInPlaneFlip(seed: 3, probability: 1);
        var seen = new HashSet<string>();

        for (var i = 0; i < 40; i++)
        {
            var result = flip.Apply(input);
            var (fx, fy) = result.Step.Description switch
            {
                "flip X" => (true, false),
                "flip Y" => (false, true),
                "flip X, Y" => (true, true),
                var other => throw new InvalidOperationException(other),
            };
            seen.Add(result.Step.Description);
            for (var x = 0; x < 5; x++)
            {
                for (var y = 0; y < 4; y++)
                {
                    for (var z = 0; z < 3; z++)
                    {
                        var (sx, sy) = (fx ? 4 - x : x, fy ? 3 - y : y);
                        Assert.Equal(input.Image[1, sx, sy, z], result.Case.Image[1, x, y, z]);
                        Assert.Equal(input.Label![sx, sy, z], result.Case.Label![x, y, z]);
                    }
                }
            }

            Assert.Equal(input.Image.Geometry, result.Case.Image.Geometry);
            Assert.True(result.MapLabelsBack(result.Case.Label!).Labels.Span.SequenceEqual(input.Label!.Labels.Span));
        }

        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public void RandomInPlaneFlip_Distribution_MatchesTheReference()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(2, 2, 2));
        var flip = new RandomInPlaneFlip(seed: 11);
        var counts = new Dictionary<string, int>();
        const int Draws = 4000;
        for (var i = 0; i < Draws; i++)
        {
            var d = flip.Apply(input).Step.Description;
            counts[d] = counts.GetValueOrDefault(d) + 1;
        }

        // p = 0.5 → none 1/2; given a flip: X 1/4, Y 1/4, both 1/2.
        Assert.InRange(counts["identity"] / (double)Draws, 0.46, 0.54);
        Assert.InRange(counts["flip X"] / (double)Draws, 0.10, 0.15);
        Assert.InRange(counts["flip Y"] / (double)Draws, 0.10, 0.15);
        Assert.InRange(counts["flip X, Y"] / (double)Draws, 0.22, 0.28);
    }

    [Fact]
    public void RandomInPlaneFlip_ProbabilityZero_NeverFlips()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(3, 3, 3));
        var flip = new RandomInPlaneFlip(seed: 1, probability: 0);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Same(input, flip.Apply(input).Case));
    }

    [Fact]
    public void RandomBrightnessShift_AddsMaxTimesFactorPerChannel_KeepsLabels()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(6, 5, 4), channels: 4);
        var shift = new RandomBrightnessShift(seed: 5, probability: 1);

        var result = shift.Apply(input);

        Assert.Same(input.Label, result.Case.Label);
        var n = (int)input.Image.Shape.VoxelCount;
        var factors = new HashSet<float>();
        for (var c = 0; c < 4; c++)
        {
            var before = input.Image.Channel(c).Span;
            var after = result.Case.Image.Channel(c).Span;
            var max = float.MinValue;
            foreach (var v in before)
            {
                max = Math.Max(max, v);
            }

            var delta = after[0] - before[0];
            for (var i = 0; i < n; i++)
            {
                Assert.Equal(delta, after[i] - before[i], 3);
            }

            Assert.InRange(delta / max, -0.15f - 1e-4f, 0.15f + 1e-4f);
            factors.Add(MathF.Round(delta / max, 4));
        }

        Assert.True(factors.Count > 1, "each channel draws its own factor");
        Assert.True(new RandomBrightnessShift(seed: 5, probability: 1).Apply(input).Case.Image.Voxels.Span.SequenceEqual(result.Case.Image.Voxels.Span));
    }

    [Fact]
    public void RandomGaussianNoise_HasTheRequestedSpread_AndIsSeeded()
    {
        var input = TestVolumes.RandomCase(new VolumeShape(64, 64, 32), channels: 2);
        var result = new RandomGaussianNoise(seed: 9, probability: 1).Apply(input);
        var again = new RandomGaussianNoise(seed: 9, probability: 1).Apply(input);
        var other = new RandomGaussianNoise(seed: 10, probability: 1).Apply(input);

        var before = input.Image.Voxels.Span;
        var after = result.Case.Image.Voxels.Span;
        var difference = new float[before.Length];
        for (var i = 0; i < before.Length; i++)
        {
            difference[i] = after[i] - before[i];
        }

        var (mean, std) = ZScoreNormalizationTests.MeanStd(difference);
        Assert.Equal(0, mean, 2);
        Assert.Equal(0.15, std, 2);
        Assert.True(after.SequenceEqual(again.Case.Image.Voxels.Span));
        Assert.False(after.SequenceEqual(other.Case.Image.Voxels.Span));
        Assert.Same(input.Label, result.Case.Label);
    }

    [Fact]
    public void AugmentationOptions_CreateTransforms_ReferenceOrderAndValidation()
    {
        var transforms = new AugmentationOptions { Seed = 4 }.CreateTransforms();

        Assert.Collection(
            transforms,
            t => Assert.IsType<RandomInPlaneFlip>(t),
            t => Assert.Equal(0.15, Assert.IsType<RandomBrightnessShift>(t).MaxRelativeShift),
            t => Assert.Equal(0.15, Assert.IsType<RandomGaussianNoise>(t).StandardDeviation));
        Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationOptions { Probability = 1.5 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new AugmentationOptions { NoiseStandardDeviation = -1 }.Validate());
    }
}
