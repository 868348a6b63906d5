// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class MetricAggregatorTests
{
    [Fact]
    public void Aggregate_ThreeCases_MeanAndSampleStandardDeviation()
    {
        var aggregator = new MetricAggregator();
        aggregator.Update(Case(dice: 0.5, hd95: 2.0));
        aggregator.Update(Case(dice: 0.7, hd95: 4.0));
        aggregator.Update(Case(dice: 0.9, hd95: 9.0));

        var result = aggregator.Aggregate();

        Assert.Equal(3, result.CaseCount);
        Assert.Equal(0.7, result.Dice.Mean, 1e-12);
        Assert.Equal(0.2, result.Dice.StandardDeviation, 1e-12); // sqrt((0.04 + 0 + 0.04) / (3 − 1))
        Assert.Equal(5.0, result.HausdorffDistance95.Mean, 1e-12);
        Assert.Equal(Math.Sqrt((9.0 + 1.0 + 16.0) / 2.0), result.HausdorffDistance95.StandardDeviation, 1e-12);
        Assert.Equal(3, result.Dice.FiniteCount);
    }

    [Fact]
    public void Aggregate_InfiniteAndMissingDistances_CountedSeparately()
    {
        var aggregator = new MetricAggregator();
        aggregator.Update(Case(dice: 0.8, hd95: 3.0));
        aggregator.Update(Case(dice: 0.0, hd95: double.PositiveInfinity));
        aggregator.Update(Case(dice: 0.6, hd95: null));

        var hd95 = aggregator.Aggregate().HausdorffDistance95;

        Assert.Equal(new MetricSummary(3.0, double.NaN, FiniteCount: 1, NonFiniteCount: 1, MissingCount: 1), hd95);
    }

    [Fact]
    public void Aggregate_NoCases_NaNSummaries()
    {
        var result = new MetricAggregator().Aggregate();

        Assert.Equal(0, result.CaseCount);
        Assert.True(double.IsNaN(result.Dice.Mean));
        Assert.True(double.IsNaN(result.Dice.StandardDeviation));
    }

    [Fact]
    public void Update_Volumes_ComputesAndAccumulates_ResetForgets()
    {
        var shape = new VolumeShape(8, 8, 8);
        var metric = AsContract(new MetricAggregator());
        var label = TestMasks.Box(shape, (2, 2, 2), (6, 6, 6));

        var first = metric.Update(label, label);
        metric.Update(TestMasks.Empty(shape), label);
        var aggregated = metric.Aggregate();

        Assert.Equal(1.0, first.Dice, 1e-10);
        Assert.Equal(2, aggregated.CaseCount);
        Assert.Equal(0.5, aggregated.Dice.Mean, 1e-10);
        Assert.Equal(1, aggregated.HausdorffDistance95.NonFiniteCount);
        Assert.Equal(0.0, aggregated.HausdorffDistance95.Mean);

        metric.Reset();
        Assert.Equal(0, metric.Aggregate().CaseCount);
    }

    [Fact]
    public void Update_WithoutSurfaceDistances_ReportsThemMissing()
    {
        var shape = new VolumeShape(8, 8, 8);
        var aggregator = new MetricAggregator(includeSurfaceDistances: false);
        var label = TestMasks.Box(shape, (2, 2, 2), (6, 6, 6));

        aggregator.Update(label, label);

        Assert.Equal(1, aggregator.Aggregate().AverageSymmetricSurfaceDistance.MissingCount);
    }

    private static ISegmentationMetric AsContract(ISegmentationMetric metric) => metric;

    private static CaseMetrics Case(double dice, double? hd95) => new(dice, dice / (2 - dice), hd95, hd95, 10, 10, 5);
}
