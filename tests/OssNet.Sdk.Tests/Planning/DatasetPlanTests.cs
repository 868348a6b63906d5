// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Tests.TestSupport;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Planning;

/// <summary>A plan's JSON, its pipeline (shapes and invertibility on cases of other size, orientation and spacing) and its description.</summary>
public sealed class DatasetPlanTests : IDisposable
{
    private static readonly (double X, double Y, double Z) s_head = (40, 45, 35);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Json_RoundTrips_EveryDecision()
    {
        var plan = await PlanAsync();

        var json = plan.ToJson();
        var back = DatasetPlan.FromJson(json);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(plan.GridShape, back.GridShape);
        Assert.Equal(plan.TargetSpacing, back.TargetSpacing);
        Assert.Equal(plan.Labels!.Describe(), back.Labels!.Describe());
        Assert.Equal(plan.Channels[0], back.Channels[0]);
        Assert.Contains("\"gridShape\": [", json, StringComparison.Ordinal);
        Assert.Contains("\"scheme\": \"ForegroundZScore\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveAndLoad_GoThroughAFile()
    {
        var plan = await PlanAsync();
        var path = _dir.File("plan.json");

        await plan.SaveAsync(path, TestContext.Current.CancellationToken);
        var loaded = await DatasetPlan.LoadAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(plan.ToJson(), loaded.ToJson());
        Assert.Equal([_dir.File("plan.json")], Directory.GetFiles(_dir.Path)); // no temporary file left behind
    }

    [Theory]
    [InlineData("{not json", "is not a valid plan")]
    [InlineData("[]", "a plan must be a JSON object")]
    [InlineData("{\"version\": 1}", "is not a valid plan")]
    [InlineData("{\"version\": 99}", "plan format version 99 is newer")]
    public async Task Load_MalformedFile_ThrowsNamingTheFileAndProblem(string json, string problem)
    {
        var path = _dir.Write("bad.json", System.Text.Encoding.UTF8.GetBytes(json));

        var e = await Assert.ThrowsAsync<InvalidDatasetPlanException>(() => DatasetPlan.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(path, e.Path);
        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"gridShape\": [", "\"gridShape\": [33, 1, 1], \"_\": [", "must be a multiple of gridMultiple")]
    [InlineData("\"targetSpacing\": [", "\"targetSpacing\": [0, 1, 1], \"_\": [", "targetSpacing must be positive")]
    [InlineData("\"gridShape\": [", "\"gridShape\": [32, 32], \"_\": [", "must have 3 entries")]
    [InlineData("\"scheme\": \"ForegroundZScore\"", "\"scheme\": \"ClippedZScore\"", "clipped z-score needs finite bounds")]
    [InlineData("\"cases\": [", "\"cases\": null, \"_\": [", "fingerprint (with cases, channels and labelValues)")]
    [InlineData("\"orientation\": \"RAS\",\n  \"cropMarginVoxels\"", "\"orientation\": \"LPS\",\n  \"cropMarginVoxels\"", "orientation must be RAS")]
    public async Task Load_InconsistentValues_ThrowNamingTheProblem(string find, string replace, string problem)
    {
        var json = (await PlanAsync()).ToJson();
        var first = json.IndexOf(find, StringComparison.Ordinal);
        var path = _dir.Write("bad.json", System.Text.Encoding.UTF8.GetBytes(json[..first] + replace + json[(first + find.Length)..]));

        var e = await Assert.ThrowsAsync<InvalidDatasetPlanException>(() => DatasetPlan.LoadAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(path, e.Path);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingFile_ThrowsNamingIt()
    {
        var e = await Assert.ThrowsAsync<InvalidDatasetPlanException>(() => DatasetPlan.LoadAsync(_dir.File("none.json"), TestContext.Current.CancellationToken));

        Assert.Equal(_dir.File("none.json"), e.Path);
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, int, int, int, double, double, double> OtherScans() => new()
    {
        { "RAS", 70, 80, 60, 1.5, 1.5, 1.5 },   // the training scan itself
        { "LSA", 50, 40, 45, 2, 3, 2 },         // coronal slices, 2×2×3 mm, stored LSA
        { "PIR", 200, 60, 190, 0.5, 1.5, 0.6 }, // fine in-plane, larger than the grid at the target spacing (R 114 mm)
        { "RAS", 30, 30, 30, 4, 4, 4 },         // coarse and small
    };

    [Theory]
    [MemberData(nameof(OtherScans))]
    public async Task Pipeline_BringsAnyScanToTheGrid_AndMapsLabelsBackOntoItsOwnGrid(string orientation, int x, int y, int z, double sx, double sy, double sz)
    {
        // A 1 mm plan: the labels (half-ellipsoids of 20 mm radius) span enough voxels that nearest-neighbour resampling
        // there and back loses less than 2 % of them; the 200×60×190 scan's body (80 mm plus the crop margin along R) does not fit 80 voxels at 1 mm and is shrunk.
        var plan = await PlanAsync() with { TargetSpacing = (1, 1, 1), GridShape = new(80, 96, 80), GridMultiple = 16 };
        var scan = WorldPhantom.Case("other", WorldPhantom.Geometry(new(x, y, z), (sx, sy, sz), orientation), s_head, offset: 500, scale: 3);

        var prepared = plan.CreatePipeline().Apply(scan);
        var back = prepared.MapLabelsBack(prepared.Case.Label!);

        Assert.Equal(plan.GridShape, prepared.Case.Image.Shape);
        Assert.Equal("RAS", prepared.Case.Image.Geometry.OrientationCode);
        Assert.Equal(scan.Image.Shape, back.Shape);
        Assert.Equal(scan.Image.Geometry.Affine, back.Geometry.Affine);
        Assert.Equal(scan.Image.Geometry.Spacing, back.Geometry.Spacing);
        foreach (var value in new byte[] { 1, 2 })
        {
            var dice = SegmentationMetrics.Compute(Only(back, value), Only(scan.Label!, value), includeSurfaceDistances: false).Dice;
            Assert.True(dice > 0.98, $"label {value}: Dice {dice} after the round trip");
        }
    }

    [Fact]
    public async Task PureReorientCropPadPlan_MapsLabelsBackExactly()
    {
        // Target spacing equals the scan's spacing permuted to RAS (S 3, L 2, A 2 mm → 2, 2, 3), so no resampling happens: the round trip is voxel-exact.
        var plan = await PlanAsync() with { TargetSpacing = (2, 2, 3) };
        var scan = WorldPhantom.Case("lsa", WorldPhantom.Geometry(new(50, 40, 45), (3, 2, 2), "SLA"), s_head);

        var prepared = plan.CreatePipeline().Apply(scan);
        var back = prepared.MapLabelsBack(prepared.Case.Label!);

        Assert.Equal(plan.GridShape, prepared.Case.Image.Shape);
        Assert.Equal(scan.Label!.Labels.ToArray(), back.Labels.ToArray());
        Assert.Equal(scan.Image.Geometry.Affine, back.Geometry.Affine);
        Assert.Contains(((GeometryChain)prepared.Step).Steps, s => s.Description.StartsWith("pad/crop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pipeline_ZScoresTheForegroundOfEveryCase()
    {
        var plan = await PlanAsync();
        var scan = WorldPhantom.Case("bright", WorldPhantom.Geometry(new(50, 40, 45), (2, 3, 2), "LSA"), s_head, offset: 900, scale: 7);

        var image = plan.CreatePipeline().Apply(scan).Case.Image.Voxels.ToArray();
        var foreground = image.Where(v => v != 0).Select(v => (double)v).ToArray();
        var mean = foreground.Average();
        var std = Math.Sqrt(foreground.Sum(v => (v - mean) * (v - mean)) / (foreground.Length - 1));

        Assert.True(Math.Abs(mean) < 1e-3, $"mean {mean}");
        Assert.True(Math.Abs(std - 1) < 1e-3, $"std {std}");
        Assert.True(foreground.Length < image.Length / 2, "background and padding stay 0");
    }

    [Fact]
    public async Task Describe_SaysEveryDecisionInWords()
    {
        var plan = await PlanAsync();

        var text = plan.Describe();

        Assert.Contains("reoriented to RAS", text, StringComparison.Ordinal);
        Assert.Contains($"Grid         {plan.GridShape}", text, StringComparison.Ordinal);
        Assert.Contains("per-axis median of the cases' spacings", text, StringComparison.Ordinal);
        Assert.Contains("(median of the cases: 1.75 × 1.5 × 1.5 mm)", text, StringComparison.Ordinal);
        Assert.Contains("z-score with the case's own foreground", text, StringComparison.Ordinal);
        Assert.Contains("0 background, 1 label 1, 2 label 2", text, StringComparison.Ordinal);
        Assert.Contains("never cropped", text, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private static Task<DatasetPlan> PlanAsync() =>
        DatasetPlanner.PlanAsync(
            DatasetPlannerTests.Source(
                WorldPhantom.Case("a", WorldPhantom.Geometry(new(70, 80, 60), (1.5, 1.5, 1.5)), s_head),
                WorldPhantom.Case("b", WorldPhantom.Geometry(new(40, 60, 50), (2, 1.5, 1.5), "LPS"), s_head)),
            new DatasetPlannerOptions { MaxGridVoxels = 64 * 64 * 64 },
            TestContext.Current.CancellationToken);

    private static LabelVolume Only(LabelVolume labels, byte value) =>
        new(labels.Geometry, labels.Labels.ToArray().Select(v => v == value ? (byte)1 : (byte)0).ToArray());
}
