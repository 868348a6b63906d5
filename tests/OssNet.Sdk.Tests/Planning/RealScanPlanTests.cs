// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Planning;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Planning;

/// <summary>
/// A plan from a real T1 MRI (Colin27 <c>ch2.nii.gz</c>, 181×217×181, 1 mm, RAS, with the skull-stripped <c>ch2bet.nii.gz</c>
/// as its brain mask) applied to another real subject (ITK's KmeansTest T1, 128×128×62 int16, 2×2×3 mm, LSA). The files come
/// from the Debian packages mricron-data and insighttoolkit5-examples, extracted (<c>dpkg -x</c>) under
/// <c>$OSSNET_REAL_DATA</c> (default /tmp/ossnet-real-data); the test skips when they are absent.
/// </summary>
public sealed class RealScanPlanTests(ITestOutputHelper output)
{
    private const string Templates = "usr/share/mricron/templates";
    private const string ItkData = "usr/share/doc/insighttoolkit5-examples/examples/Data";

    [Fact]
    [Trait("Category", "Slow")]
    public async Task PlanFromColin27_BringsAnotherSubjectInAnotherOrientationOntoTheGrid()
    {
        var root = Environment.GetEnvironmentVariable("OSSNET_REAL_DATA") is { Length: > 0 } r ? r : "/tmp/ossnet-real-data";
        var t1 = Path.Combine(root, Templates, "ch2.nii.gz");
        var mask = Path.Combine(root, Templates, "ch2bet.nii.gz");
        var other = Path.Combine(root, ItkData, "KmeansTest_T1UCharRaw.nii.gz");
        var otherLabels = Path.Combine(root, ItkData, "KmeansTest_T1RawSkullStrip.nii.gz");
        var missing = new[] { t1, mask, other, otherLabels }.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            Assert.Skip($"Real scans not found ({string.Join(", ", missing)}): run `apt-get download mricron-data insighttoolkit5-examples` and `dpkg -x` each .deb into {root} (or set OSSNET_REAL_DATA).");
        }

        var ct = TestContext.Current.CancellationToken;
        var training = new FileListVolumeSource("colin27", [new VolumeFileCase("ch2", [t1], mask)]);
        var plan = await DatasetPlanner.PlanAsync(training, cancellationToken: ct);
        output.WriteLine(plan.Describe());

        // The mask is a skull-stripped image (127 intensities), so it is read as a binary brain mask.
        Assert.True(plan.Labels!.CollapseForeground, plan.LabelSource);
        Assert.Equal(IntensityNormalizationScheme.ForegroundZScore, plan.Channels.Single().Normalization.Scheme);
        Assert.True(plan.GridShape.VoxelCount <= DatasetPlannerOptions.DefaultMaxGridVoxels);
        Assert.True(plan.GridShape.X % 32 == 0 && plan.GridShape.Y % 32 == 0 && plan.GridShape.Z % 32 == 0);
        Assert.True(plan.SpacingCoarsening > 1, "a 1 mm head does not fit 128³: the spacing is coarsened");

        var pipeline = plan.CreatePipeline();
        var colin = pipeline.Apply(await training.LoadAsync("ch2", ct));
        var testSource = new FileListVolumeSource("kmeans", [new VolumeFileCase("kmeans", [other], otherLabels)]);
        var subject = await testSource.LoadAsync("kmeans", ct);
        var prepared = pipeline.Apply(subject);
        var brainInGrid = prepared.Case.Label!.CountForeground();
        var colinBrainInGrid = colin.Case.Label!.CountForeground();
        output.WriteLine($"ch2 {colin.Case.Image.Shape}: brain {colinBrainInGrid} voxels; KmeansTest {subject.Image.Shape} {subject.Image.Geometry.OrientationCode} → {prepared.Case.Image.Shape}: brain {brainInGrid} voxels");
        output.WriteLine(prepared.Step.Description);

        Assert.Equal(plan.GridShape, colin.Case.Image.Shape);
        Assert.Equal(plan.GridShape, prepared.Case.Image.Shape);

        // Both brains are adult brains at the same physical scale on the grid: their voxel counts agree within 40 %.
        var ratio = (double)brainInGrid / colinBrainInGrid;
        Assert.True(ratio is > 0.6 and < 1.4, $"brain voxels on the grid: KmeansTest / Colin27 = {ratio:0.00}");

        // Same orientation on the grid: the brains' extents along R, A and S agree (a swapped or flipped axis would not).
        var (colinBox, subjectBox) = (Extent(colin.Case.Label), Extent(prepared.Case.Label));
        output.WriteLine($"brain extent on the grid (voxels along R, A, S): Colin27 {colinBox}, KmeansTest {subjectBox}");
        Assert.True(Math.Abs(colinBox.X - subjectBox.X) <= 0.2 * colinBox.X, $"{colinBox} vs {subjectBox}");
        Assert.True(Math.Abs(colinBox.Y - subjectBox.Y) <= 0.2 * colinBox.Y, $"{colinBox} vs {subjectBox}");
        Assert.True(Math.Abs(colinBox.Z - subjectBox.Z) <= 0.2 * colinBox.Z, $"{colinBox} vs {subjectBox}");

        // Back onto the subject's own LSA 2×2×3 mm grid, voxel for voxel: same shape and affine, the labels survive.
        var back = prepared.MapLabelsBack(prepared.Case.Label);
        Assert.Equal(subject.Image.Shape, back.Shape);
        Assert.Equal(subject.Image.Geometry.Affine, back.Geometry.Affine);
        var dice = SegmentationMetrics.Compute(back.ToBinary(), subject.Label!.ToBinary(), includeSurfaceDistances: false).Dice;
        output.WriteLine($"round-trip Dice on the subject's grid: {dice:0.0000}");
        Assert.True(dice > 0.98, $"round-trip Dice {dice}");
    }

    private static VolumeShape Extent(LabelVolume labels)
    {
        int[] min = [int.MaxValue, int.MaxValue, int.MaxValue], max = [-1, -1, -1];
        for (var x = 0; x < labels.Shape.X; x++)
        {
            for (var y = 0; y < labels.Shape.Y; y++)
            {
                for (var z = 0; z < labels.Shape.Z; z++)
                {
                    if (labels[x, y, z] != 0)
                    {
                        int[] at = [x, y, z];
                        for (var a = 0; a < 3; a++)
                        {
                            min[a] = Math.Min(min[a], at[a]);
                            max[a] = Math.Max(max[a], at[a]);
                        }
                    }
                }
            }
        }

        return new VolumeShape(max[0] - min[0] + 1, max[1] - min[1] + 1, max[2] - min[2] + 1);
    }
}
