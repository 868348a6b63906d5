// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Planning;

/// <summary>The planner's decisions on synthetic cases of known spacing, orientation, size, modality and labels.</summary>
public sealed class DatasetPlannerTests
{
    private static readonly (double X, double Y, double Z) s_head = (60, 70, 55);

    [Fact]
    public async Task TargetSpacing_IsThePerAxisMedian_InRasAxes()
    {
        // Three cases; the LSA one stores its spacing as (1.5 along L/R, 3 along S/I, 2 along A/P): RAS order (1.5, 2, 3).
        var source = Source(
            WorldPhantom.Case("a", WorldPhantom.Geometry(new(40, 40, 40), (1, 1, 1)), s_head),
            WorldPhantom.Case("b", WorldPhantom.Geometry(new(40, 40, 40), (2, 1.5, 1)), s_head),
            WorldPhantom.Case("c", WorldPhantom.Geometry(new(40, 30, 40), (1.5, 3, 2), "LSA"), s_head));

        var plan = await DatasetPlanner.PlanAsync(source, new DatasetPlannerOptions { MaxGridVoxels = 256L * 256 * 256 }, TestContext.Current.CancellationToken);

        Assert.Equal((1.5, 1.5, 1.0), plan.TargetSpacing);
        Assert.Equal((1.5, 1.5, 1.0), plan.Fingerprint.MedianSpacing);
        Assert.Equal((1.5, 2.0, 3.0), plan.Fingerprint.Cases[2].Spacing);
        Assert.Equal("LSA", plan.Fingerprint.Cases[2].Orientation);
        Assert.Equal(1.0, plan.SpacingCoarsening);
        Assert.StartsWith("per-axis median", plan.SpacingRule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StronglyAnisotropicData_CoarseAxisGetsThe10thPercentile()
    {
        // Thick slices: 0.8 mm in-plane, slice spacing 4/5/5/6/6 mm (median 5.5 > 3 × 0.8) and few slices.
        double[] slices = [4, 5, 5, 6, 6];
        var cases = slices.Select((s, i) => WorldPhantom.Case($"c{i}", WorldPhantom.Geometry(new(160, 160, (int)(120 / s)), (0.8, 0.8, s)), s_head)).ToArray();

        var plan = await DatasetPlanner.PlanAsync(Source(cases), new DatasetPlannerOptions { MaxGridVoxels = 512L * 512 * 512 }, TestContext.Current.CancellationToken);

        // numpy.percentile([4, 5, 5, 6, 6], 10) = 4.4 (linear interpolation).
        Assert.Equal(0.8, plan.TargetSpacing.X, 9);
        Assert.Equal(4.4, plan.TargetSpacing.Z, 9);
        Assert.Contains("10th percentile", plan.SpacingRule, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MildlyAnisotropicData_KeepsTheMedian()
    {
        double[] slices = [2, 2.5, 3];
        var cases = slices.Select((s, i) => WorldPhantom.Case($"c{i}", WorldPhantom.Geometry(new(60, 60, 40), (1, 1, s)), s_head)).ToArray();

        var plan = await DatasetPlanner.PlanAsync(Source(cases), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2.5, plan.TargetSpacing.Z, 9);
    }

    [Fact]
    public async Task Grid_IsTheLargestCroppedExtentRoundedUpTo32_AndTheBodyCropRemovesEmptySpace()
    {
        // A 200 mm field of view around heads of radii 30×35×25 and 45×50×40 mm: the crop keeps only the head.
        var small = WorldPhantom.Case("small", WorldPhantom.Geometry(new(200, 200, 200), (1, 1, 1)), (30, 35, 25));
        var large = WorldPhantom.Case("large", WorldPhantom.Geometry(new(200, 200, 200), (1, 1, 1)), (45, 50, 40));

        var plan = await DatasetPlanner.PlanAsync(Source(small, large), new DatasetPlannerOptions { CropMarginVoxels = 0, MaxGridVoxels = 256L * 256 * 256 }, TestContext.Current.CancellationToken);

        // Voxel centres sit at ±0.5, ±1.5, … mm: the large head spans 90, 100, 80 voxels; rounded up to multiples of 32: 96, 128, 96.
        Assert.Equal(new VolumeShape(90, 100, 80), plan.Fingerprint.Cases[1].CroppedShape);
        Assert.Equal(new VolumeShape(90, 100, 80), plan.PlannedShape);
        Assert.Equal(new VolumeShape(96, 128, 96), plan.GridShape);
        Assert.Equal(new VolumeShape(75, 85, 65), plan.Fingerprint.MedianCroppedShape); // median of 60/90, 70/100, 50/80
    }

    [Fact]
    public async Task ExtentPercentile50_SizesTheGridForTheMedianCase()
    {
        var cases = new[] { (20, 20, 20), (30, 30, 30), (45, 50, 40) }
            .Select((r, i) => WorldPhantom.Case($"c{i}", WorldPhantom.Geometry(new(110, 110, 110), (1, 1, 1)), r)).ToArray();

        var plan = await DatasetPlanner.PlanAsync(Source(cases), new DatasetPlannerOptions { CropMarginVoxels = 0, ExtentPercentile = 50 }, TestContext.Current.CancellationToken);

        Assert.Equal(new VolumeShape(60, 60, 60), plan.PlannedShape);
        Assert.Equal(new VolumeShape(64, 64, 64), plan.GridShape);
        Assert.Contains("1 of 3 case(s) are larger than the grid", plan.Notes.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GridOverTheBudget_CoarsensTheSpacingUniformlyUntilItFits()
    {
        // At 1 mm the head needs 96×128×96 = 1,179,648 voxels; the budget is 64³.
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(100, 110, 90), (1, 1, 1)), (45, 50, 40));

        var plan = await DatasetPlanner.PlanAsync(Source(head), new DatasetPlannerOptions { CropMarginVoxels = 0, MaxGridVoxels = 64 * 64 * 64 }, TestContext.Current.CancellationToken);

        Assert.True(plan.GridShape.VoxelCount <= 64 * 64 * 64, $"grid {plan.GridShape}");
        Assert.Equal(new VolumeShape(64, 64, 64), plan.GridShape);
        Assert.True(plan.SpacingCoarsening > 1.5, $"coarsening {plan.SpacingCoarsening}");
        Assert.Equal(plan.TargetSpacing.X, plan.TargetSpacing.Z, 9); // uniform
        Assert.Equal(plan.SpacingCoarsening, plan.TargetSpacing.X, 9);
        Assert.True(plan.PlannedShape.Y <= 64);
        Assert.Contains("coarsened", plan.SpacingRule, StringComparison.Ordinal);

        // One step (1 %) finer would not fit: the coarsening is the smallest that does.
        var finer = plan.TargetSpacing.X / 1.01;
        Assert.True(Math.Round(100 / finer, MidpointRounding.AwayFromZero) > 64, $"100 voxels at {finer} mm");
    }

    [Fact]
    public async Task GivenSpacingAndGrid_AreUsedAsGiven()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(100, 110, 90), (1, 1, 1)), (45, 50, 40));
        var options = new DatasetPlannerOptions { TargetSpacing = (2, 2, 2), GridShape = new VolumeShape(32, 64, 32) };

        var plan = await DatasetPlanner.PlanAsync(Source(head), options, TestContext.Current.CancellationToken);

        Assert.Equal((2.0, 2.0, 2.0), plan.TargetSpacing);
        Assert.Equal(new VolumeShape(32, 64, 32), plan.GridShape);
        Assert.Equal(1.0, plan.SpacingCoarsening);
        Assert.Single(plan.Notes, n => n.Contains("resampled down to fit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GivenGridOnly_CoarsensTheDerivedSpacingUntilTheCasesFit()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(100, 110, 90), (1, 1, 1)), (45, 50, 40));

        var plan = await DatasetPlanner.PlanAsync(Source(head), new DatasetPlannerOptions { GridShape = new VolumeShape(64, 64, 64), CropMarginVoxels = 0 }, TestContext.Current.CancellationToken);

        Assert.Equal(new VolumeShape(64, 64, 64), plan.GridShape);
        Assert.True(plan.PlannedShape.Y <= 64 && plan.PlannedShape.Y > 60, $"planned {plan.PlannedShape}");
        Assert.Empty(plan.Notes);
    }

    [Fact]
    public async Task LabelFilesWithFewValues_AreALabelMap()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head);

        var plan = await DatasetPlanner.PlanAsync(Source(head), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("0 background, 1 label 1, 2 label 2", plan.Labels!.Describe());
        Assert.False(plan.Labels.CollapseForeground);
        Assert.Equal([0, 1, 2], plan.Fingerprint.LabelValues);
        Assert.Contains("read as a label map", plan.LabelSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LabelFilesWithManyValues_AreABinaryMask()
    {
        // A skull-stripped image used as a mask: label values 0..199.
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head);
        var values = head.Label!.Labels.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i] == 0 ? (byte)0 : (byte)(1 + (i % 199));
        }

        var plan = await DatasetPlanner.PlanAsync(Source(head with { Label = new LabelVolume(head.Label.Geometry, values) }), cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(plan.Labels!.CollapseForeground);
        Assert.Equal(2, plan.Labels.Count);
        Assert.Contains("200 distinct values", plan.LabelSource, StringComparison.Ordinal);
        Assert.Contains("every non-zero value is foreground", plan.LabelSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxLabelValues_DecidesBetweenLabelMapAndMask()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head);

        var plan = await DatasetPlanner.PlanAsync(Source(head), new DatasetPlannerOptions { MaxLabelValues = 2 }, TestContext.Current.CancellationToken);

        Assert.True(plan.Labels!.CollapseForeground);
    }

    [Fact]
    public async Task MriLikeIntensities_GetAPerCaseForegroundZScore()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head, channels: 2);

        var plan = await DatasetPlanner.PlanAsync(Source(head), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, plan.ChannelCount);
        Assert.All(plan.Channels, c => Assert.Equal(ChannelNormalization.ForegroundZScore, c.Normalization));
        Assert.All(plan.Channels, c => Assert.Equal(ImageModality.Unknown, c.Modality));
        Assert.Equal("channel 1", plan.Channels[1].Name);
    }

    [Fact]
    public async Task HounsfieldRange_IsPlannedAsCt_WithDatasetForegroundPercentilesAndStatistics()
    {
        // Air at −1000 HU around a body of 0..80 HU; the label marks the body's inner half.
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head, offset: 40, scale: 2);
        var voxels = head.Image.Voxels.ToArray();
        for (var i = 0; i < voxels.Length; i++)
        {
            voxels[i] = voxels[i] == 0 ? -1000 : voxels[i];
        }

        var ct = head with { Image = new Volume(head.Image.Geometry, 1, voxels) };
        var labelled = voxels.Where((_, i) => head.Label!.Labels.Span[i] != 0).Select(v => (double)v).Order().ToArray();

        var plan = await DatasetPlanner.PlanAsync(Source(ct), cancellationToken: TestContext.Current.CancellationToken);

        var channel = plan.Channels.Single();
        Assert.Equal(ImageModality.Ct, channel.Modality);
        Assert.Equal(IntensityNormalizationScheme.ClippedZScore, channel.Normalization.Scheme);
        Assert.Equal(labelled.Average(), channel.Normalization.Mean!.Value, 3);
        Assert.Equal(NumpyPercentile(labelled, 0.5), channel.Normalization.ClipLower!.Value, 3);
        Assert.Equal(NumpyPercentile(labelled, 99.5), channel.Normalization.ClipUpper!.Value, 3);
        Assert.True(channel.Normalization.ClipLower > -1000, "clipped to the foreground, not the air");
        Assert.Contains(plan.Notes, n => n.Contains("read as CT", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ModalityOption_OverridesDetection()
    {
        var head = WorldPhantom.Case("h", WorldPhantom.Geometry(new(50, 50, 50), (2, 2, 2)), s_head);

        var plan = await DatasetPlanner.PlanAsync(Source(head), new DatasetPlannerOptions { Modality = ImageModality.Ct }, TestContext.Current.CancellationToken);

        Assert.Equal(IntensityNormalizationScheme.ClippedZScore, plan.Channels.Single().Normalization.Scheme);
    }

    [Fact]
    public async Task CasesWithDifferentChannelCounts_AreRejectedNamingTheCase()
    {
        var one = WorldPhantom.Case("one", WorldPhantom.Geometry(new(20, 20, 20), (2, 2, 2)), s_head);
        var two = WorldPhantom.Case("two", WorldPhantom.Geometry(new(20, 20, 20), (2, 2, 2)), s_head, channels: 2);

        var e = await Assert.ThrowsAsync<InvalidVolumeException>(() => DatasetPlanner.PlanAsync(Source(one, two), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("case 'two' has 2 channel(s), case 'one' has 1", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(DatasetPlannerOptions.GridMultiple))]
    [InlineData(nameof(DatasetPlannerOptions.MaxGridVoxels))]
    [InlineData(nameof(DatasetPlannerOptions.GridShape))]
    [InlineData(nameof(DatasetPlannerOptions.ExtentPercentile))]
    [InlineData(nameof(DatasetPlannerOptions.TargetSpacing))]
    public void Validate_RejectsOutOfRangeOptions_NamingThem(string option)
    {
        var options = option switch
        {
            nameof(DatasetPlannerOptions.GridMultiple) => new DatasetPlannerOptions { GridMultiple = 0 },
            nameof(DatasetPlannerOptions.MaxGridVoxels) => new DatasetPlannerOptions { MaxGridVoxels = 1000 },
            nameof(DatasetPlannerOptions.GridShape) => new DatasetPlannerOptions { GridShape = new VolumeShape(64, 60, 64) },
            nameof(DatasetPlannerOptions.ExtentPercentile) => new DatasetPlannerOptions { ExtentPercentile = 101 },
            _ => new DatasetPlannerOptions { TargetSpacing = (1, 0, 1) },
        };

        var e = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(option, e.ParamName);
    }

    internal static InMemoryVolumeSource Source(params VolumeCase[] cases) => new("synthetic", cases);

    private static double NumpyPercentile(double[] sorted, double percent)
    {
        var position = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }
}
