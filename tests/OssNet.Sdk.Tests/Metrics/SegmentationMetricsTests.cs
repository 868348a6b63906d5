// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class SegmentationMetricsTests
{
    private static readonly VolumeShape s_shape = new(10, 10, 12);

    [Fact]
    public void Compute_IdenticalMasks_PerfectScoresAndZeroDistances()
    {
        var mask = TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6));

        var metrics = SegmentationMetrics.Compute(mask, TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6)));

        Assert.Equal(1.0, metrics.Dice, 1e-10);
        Assert.Equal(1.0, metrics.IntersectionOverUnion, 1e-10);
        Assert.Equal(0.0, metrics.HausdorffDistance95);
        Assert.Equal(0.0, metrics.AverageSymmetricSurfaceDistance);
        Assert.Equal((64L, 64L, 64L), (metrics.PredictedVoxels, metrics.ReferenceVoxels, metrics.IntersectionVoxels));
    }

    [Fact]
    public void Compute_DisjointMasks_ZeroOverlapFiniteDistances()
    {
        var prediction = TestMasks.Box(s_shape, (0, 0, 0), (2, 2, 2));
        var reference = TestMasks.Box(s_shape, (5, 0, 0), (7, 2, 2));

        var metrics = SegmentationMetrics.Compute(prediction, reference);

        Assert.Equal(0.0, metrics.Dice);
        Assert.Equal(0.0, metrics.IntersectionOverUnion);
        // Every voxel of the 2×2×2 cubes is surface; x-distances 4 and 5 (prediction x=1,0 to reference x=5) and mirrored.
        Assert.Equal(5.0, metrics.HausdorffDistance95!.Value, 1e-12);
        Assert.Equal(4.5, metrics.AverageSymmetricSurfaceDistance!.Value, 1e-12);
    }

    [Fact]
    public void Compute_EmptyPrediction_ZeroOverlapInfiniteDistances()
    {
        var metrics = SegmentationMetrics.Compute(TestMasks.Empty(s_shape), TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6)));

        Assert.Equal(0.0, metrics.Dice);
        Assert.Equal(0.0, metrics.IntersectionOverUnion);
        Assert.Equal(double.PositiveInfinity, metrics.HausdorffDistance95);
        Assert.Equal(double.PositiveInfinity, metrics.AverageSymmetricSurfaceDistance);
    }

    [Fact]
    public void Compute_EmptyReference_ZeroOverlapInfiniteDistances()
    {
        var metrics = SegmentationMetrics.Compute(TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6)), TestMasks.Empty(s_shape));

        Assert.Equal(0.0, metrics.Dice);
        Assert.Equal(double.PositiveInfinity, metrics.HausdorffDistance95);
    }

    [Fact]
    public void Compute_BothEmpty_PerfectScoresAndZeroDistances()
    {
        var metrics = SegmentationMetrics.Compute(TestMasks.Empty(s_shape), TestMasks.Empty(s_shape));

        Assert.Equal(1.0, metrics.Dice);
        Assert.Equal(1.0, metrics.IntersectionOverUnion);
        Assert.Equal(0.0, metrics.HausdorffDistance95);
        Assert.Equal(0.0, metrics.AverageSymmetricSurfaceDistance);
    }

    [Fact]
    public void Compute_HalfOverlap_HandComputedDiceAndIoU()
    {
        // 4×4×4 cubes shifted by 2 along x: |P| = |G| = 64, |P∧G| = 32.
        var prediction = TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6));
        var reference = TestMasks.Box(s_shape, (4, 2, 2), (8, 6, 6));

        var metrics = SegmentationMetrics.Compute(prediction, reference, includeSurfaceDistances: false);

        Assert.Equal(2.0 * 32 / (128 + 1e-10), metrics.Dice, 1e-12);
        Assert.Equal(32 / (96 + 1e-10), metrics.IntersectionOverUnion, 1e-12);
        Assert.Null(metrics.HausdorffDistance95);
        Assert.Null(metrics.AverageSymmetricSurfaceDistance);
    }

    [Fact]
    public void Compute_CubesShiftedAlongAnisotropicZ_HandComputedDistances()
    {
        // 4×4×4 cubes, the second shifted by 2 voxels along z, spacing 2.5 mm in z. Per direction the 56 surface
        // voxels are at 0 mm (24: shared faces and rings), 1 mm (4: the inner face centre, 1 voxel from a ring in x/y),
        // 2.5 mm (12: ring one slice away) and 5 mm (16: the far face, two slices away).
        var prediction = TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6), 1, 1, 2.5);
        var reference = TestMasks.Box(s_shape, (2, 2, 4), (6, 6, 8), 1, 1, 2.5);

        var distances = SurfaceDistances.Compute(prediction, reference);
        var metrics = SegmentationMetrics.Compute(prediction, reference);

        double[] expected = [.. Enumerable.Repeat(0.0, 24), .. Enumerable.Repeat(1.0, 4), .. Enumerable.Repeat(2.5, 12), .. Enumerable.Repeat(5.0, 16)];
        Assert.Equal(expected, distances.PredictionToReference.ToArray());
        Assert.Equal(expected, distances.ReferenceToPrediction.ToArray());
        Assert.Equal(5.0, metrics.HausdorffDistance95);
        Assert.Equal(2 * ((16 * 5.0) + (12 * 2.5) + 4) / 112.0, metrics.AverageSymmetricSurfaceDistance!.Value, 1e-12);
    }

    [Fact]
    public void Compute_ShiftAlongX_UsesXSpacing()
    {
        // A 1-voxel shift along x with spacing 0.5 mm: distances are 0 or 0.5 mm, never 1.
        var prediction = TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6), 0.5, 3, 3);
        var reference = TestMasks.Box(s_shape, (3, 2, 2), (7, 6, 6), 0.5, 3, 3);

        var distances = SurfaceDistances.Compute(prediction, reference);

        Assert.Equal(0.5, distances.HausdorffDistance(100), 1e-12);
        Assert.All(distances.PredictionToReference.ToArray(), d => Assert.True(d is 0.0 or 0.5, $"{d}"));
    }

    [Fact]
    public void Compute_AppendixB6_EmptyPredictionScoresZeroAndIdenticalScoresOne()
    {
        var label = TestMasks.Sphere(s_shape, (5, 5, 6), 3);

        var empty = SegmentationMetrics.Compute(TestMasks.Empty(s_shape), label, includeSurfaceDistances: false);
        var identical = SegmentationMetrics.Compute(label, label, includeSurfaceDistances: false);

        Assert.Equal(0.0, empty.Dice);
        Assert.Equal(0.0, empty.IntersectionOverUnion);
        Assert.InRange(identical.Dice, 1.0 - 1e-10, 1.0);
        Assert.InRange(identical.IntersectionOverUnion, 1.0 - 1e-10, 1.0);
    }

    [Fact]
    public void Compute_ShapeMismatch_ThrowsNamingBothShapes()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SegmentationMetrics.Compute(TestMasks.Empty(new VolumeShape(4, 5, 6)), TestMasks.Empty(new VolumeShape(4, 5, 7))));

        Assert.Contains("4×5×6", error.Message, StringComparison.Ordinal);
        Assert.Contains("4×5×7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_SpacingMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SegmentationMetrics.Compute(TestMasks.Empty(s_shape, 1, 1, 1), TestMasks.Empty(s_shape, 1, 1, 2.5)));

        Assert.Contains("2.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ProbabilityVolume_BinarisesAboveThreshold()
    {
        var reference = TestMasks.Box(s_shape, (2, 2, 2), (6, 6, 6));
        var probabilities = Volume.Zeros(reference.Geometry);
        var values = probabilities.Voxels.Span;
        var labels = reference.Labels.Span;
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = labels[i] != 0 ? 0.9f : 0.5f; // 0.5 exactly is background
        }

        var metrics = SegmentationMetrics.Compute(probabilities, reference);

        Assert.Equal(64, metrics.PredictedVoxels);
        Assert.Equal(1.0, metrics.Dice, 1e-10);
        Assert.Equal(0.0, metrics.HausdorffDistance95);
    }

    [Fact]
    public void ComputeOnPoints_LabelledPointSet_ScoresLikeTheReference()
    {
        var points = new PointSet(new VolumeShape(4, 4, 4), new int[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3 }, new byte[] { 1, 1, 0, 0 });
        float[] probabilities = [0.9f, 0.2f, 0.8f, 0.1f];

        var metrics = SegmentationMetrics.ComputeOnPoints(probabilities, points);

        // P = {0, 2}, G = {0, 1}: intersection 1, Dice = 2/4, IoU = 1/3.
        Assert.Equal(0.5, metrics.Dice, 1e-9);
        Assert.Equal(1.0 / 3.0, metrics.IntersectionOverUnion, 1e-9);
        Assert.Null(metrics.HausdorffDistance95);
    }

    [Fact]
    public void ComputeOnPoints_UnlabelledPointSet_Throws()
    {
        var points = new PointSet(new VolumeShape(4, 4, 4), new int[] { 0, 0, 0 });

        Assert.Throws<ArgumentException>(() => SegmentationMetrics.ComputeOnPoints([0.9f], points));
    }
}
