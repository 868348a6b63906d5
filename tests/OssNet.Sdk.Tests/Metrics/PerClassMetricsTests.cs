// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class PerClassMetricsTests
{
    private static readonly VolumeShape s_shape = new(10, 10, 12);

    /// <summary>Background 0, "a" = value 2, "b" = value 5: values that are not class indices, on purpose.</summary>
    private static readonly LabelSet s_labels = new([new(0, "background"), new(2, "a"), new(5, "b")]);

    [Fact]
    public void ComputePerClass_BinarySet_EqualsTodaysBinaryMetricsExactly()
    {
        // A skull-strip style reference (0/4/5/6) against a 0/1 prediction: the binary set collapses both.
        var reference = TestMasks.Sphere(s_shape, (4.5, 4.5, 5.5), 3.2);
        Paint(reference, (3, 3, 3), (6, 6, 6), 4);
        Paint(reference, (2, 4, 4), (3, 6, 7), 6);
        Paint(reference, (4, 4, 8), (6, 6, 9), 5);
        var prediction = TestMasks.Sphere(s_shape, (5.0, 4.0, 5.0), 3.0);

        var perClass = SegmentationMetrics.ComputePerClass(prediction, reference, LabelSet.Binary("brain"));
        var binary = SegmentationMetrics.Compute(prediction, reference.ToBinary());

        Assert.Equal(binary, perClass.Mean);
        var only = Assert.Single(perClass.Classes);
        Assert.Equal((byte)1, only.Value);
        Assert.Equal("brain", only.Name);
        Assert.Equal(binary, only.Metrics);
        Assert.InRange(binary.Dice, 0.5, 0.99);
    }

    [Fact]
    public void ComputePerClass_TwoClasses_ScoresEachClassByItsValueAndAveragesThem()
    {
        var reference = Volume();
        Paint(reference, (0, 0, 0), (2, 2, 2), 2);           // a: 8 voxels
        Paint(reference, (5, 5, 5), (7, 7, 7), 5);           // b: 8 voxels
        var prediction = Volume();
        Paint(prediction, (0, 0, 0), (2, 2, 2), 2);          // a: exact
        Paint(prediction, (5, 5, 5), (7, 7, 6), 5);          // b: the 4 voxels with z = 5

        var metrics = SegmentationMetrics.ComputePerClass(prediction, reference, s_labels, caseId: "c1");

        Assert.Equal("c1", metrics.CaseId);
        Assert.Equal(new byte[] { 2, 5 }, metrics.Classes.Select(c => c.Value));
        Assert.Equal(new[] { "a", "b" }, metrics.Classes.Select(c => c.Name));
        var a = metrics.Classes[0].Metrics;
        var b = metrics.Classes[1].Metrics;
        Assert.Equal(1.0, a.Dice, 1e-9);
        Assert.Equal(0.0, a.HausdorffDistance95);
        Assert.Equal(2.0 * 4 / (4 + 8), b.Dice, 1e-9);
        Assert.Equal(4.0 / 8, b.IntersectionOverUnion, 1e-9);
        Assert.Equal((4L, 8L, 4L), (b.PredictedVoxels, b.ReferenceVoxels, b.IntersectionVoxels));
        // b's prediction surface lies on the reference; the reference's far layer (z = 6) is 1 mm from it.
        Assert.Equal(1.0, b.HausdorffDistance95!.Value, 1e-9);

        Assert.Equal((1.0 + (2.0 / 3)) / 2, metrics.Mean.Dice, 1e-9);
        Assert.Equal((1.0 + 0.5) / 2, metrics.Mean.IntersectionOverUnion, 1e-9);
        Assert.Equal((0.0 + 1.0) / 2, metrics.Mean.HausdorffDistance95!.Value, 1e-9);
        Assert.Equal((a.AverageSymmetricSurfaceDistance!.Value + b.AverageSymmetricSurfaceDistance!.Value) / 2, metrics.Mean.AverageSymmetricSurfaceDistance!.Value, 1e-12);
        Assert.Equal((12L, 16L, 12L), (metrics.Mean.PredictedVoxels, metrics.Mean.ReferenceVoxels, metrics.Mean.IntersectionVoxels));
    }

    [Fact]
    public void ComputePerClass_ClassEmptyInBothAndClassMissed_FollowTheDocumentedMean()
    {
        var reference = Volume();
        Paint(reference, (0, 0, 0), (2, 2, 2), 2);           // a present, b absent
        var missed = SegmentationMetrics.ComputePerClass(Volume(), reference, s_labels);
        var absentInBoth = missed.Classes[1].Metrics;

        Assert.Equal((1.0, 1.0, 0.0, 0.0), (absentInBoth.Dice, absentInBoth.IntersectionOverUnion, absentInBoth.HausdorffDistance95!.Value, absentInBoth.AverageSymmetricSurfaceDistance!.Value));
        Assert.Equal(0.0, missed.Classes[0].Metrics.Dice);
        Assert.Equal(0.5, missed.Mean.Dice, 1e-12);
        Assert.Equal(double.PositiveInfinity, missed.Mean.HausdorffDistance95);
        Assert.Equal(double.PositiveInfinity, missed.Mean.AverageSymmetricSurfaceDistance);
    }

    [Fact]
    public void ComputePerClass_WithoutSurfaceDistances_LeavesThemNull()
    {
        var reference = Volume();
        Paint(reference, (0, 0, 0), (2, 2, 2), 5);

        var metrics = SegmentationMetrics.ComputePerClass(reference, reference, s_labels, includeSurfaceDistances: false);

        Assert.All(metrics.Classes, c => Assert.Null(c.Metrics.HausdorffDistance95));
        Assert.Null(metrics.Mean.HausdorffDistance95);
        Assert.Null(metrics.Mean.AverageSymmetricSurfaceDistance);
        Assert.Equal(1.0, metrics.Mean.Dice, 1e-9);
    }

    [Fact]
    public void ComputePerClass_ValueOutsideTheSet_ThrowsNamingTheCaseAndTheMap()
    {
        var prediction = Volume();
        Paint(prediction, (0, 0, 0), (1, 1, 1), 3);

        var ex = Assert.Throws<InvalidVolumeException>(() => SegmentationMetrics.ComputePerClass(prediction, Volume(), s_labels, caseId: "p7"));

        Assert.Contains("case 'p7': the prediction", ex.Message, StringComparison.Ordinal);
        Assert.Contains("label value 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Aggregator_SummarisesEachClassAndTheMeans_CountsInfiniteMeansApart()
    {
        var reference = Volume();
        Paint(reference, (0, 0, 0), (2, 2, 2), 2);
        Paint(reference, (5, 5, 5), (7, 7, 7), 5);
        var half = Volume();
        Paint(half, (0, 0, 0), (2, 2, 2), 2);
        Paint(half, (5, 5, 5), (7, 7, 6), 5);
        var aggregator = new PerClassMetricAggregator(s_labels);

        aggregator.Update(reference, reference, "perfect");
        aggregator.Update(half, reference, "half");
        aggregator.Update(Volume(), reference, "empty");
        var summary = aggregator.Aggregate();

        Assert.Equal(3, summary.CaseCount);
        Assert.Equal(new[] { "perfect", "half", "empty" }, aggregator.GetCases().Select(c => c.CaseId));
        Assert.Equal((1.0 + 1.0 + 0.0) / 3, summary.Classes[0].Metrics.Dice.Mean, 1e-9);
        Assert.Equal((1.0 + (2.0 / 3) + 0.0) / 3, summary.Classes[1].Metrics.Dice.Mean, 1e-9);
        Assert.Equal("b", summary.Classes[1].Name);
        Assert.Equal((1.0 + (5.0 / 6) + 0.0) / 3, summary.Mean.Dice.Mean, 1e-9);
        Assert.Equal(1, summary.Mean.HausdorffDistance95.NonFiniteCount);
        Assert.Equal(2, summary.Mean.HausdorffDistance95.FiniteCount);
        Assert.Equal(0.25, summary.Mean.HausdorffDistance95.Mean, 1e-9);

        aggregator.Reset();
        Assert.Equal(0, aggregator.Aggregate().CaseCount);
    }

    [Fact]
    public void Aggregator_CaseWithAnotherClassCount_Throws()
    {
        var aggregator = new PerClassMetricAggregator(s_labels);
        var binary = SegmentationMetrics.ComputePerClass(Volume(), Volume(), LabelSet.Binary()) with { CaseId = "x" };

        var ex = Assert.Throws<ArgumentException>(() => aggregator.Update(binary));

        Assert.Contains("Case 'x' has 1 foreground classes", ex.Message, StringComparison.Ordinal);
    }

    private static LabelVolume Volume() => TestMasks.Empty(s_shape);

    private static void Paint(LabelVolume volume, (int X, int Y, int Z) min, (int X, int Y, int Z) max, byte value)
    {
        for (var x = min.X; x < max.X; x++)
        {
            for (var y = min.Y; y < max.Y; y++)
            {
                for (var z = min.Z; z < max.Z; z++)
                {
                    volume[x, y, z] = value;
                }
            }
        }
    }
}
