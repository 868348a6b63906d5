// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Metrics;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Metrics;

public sealed class SurfaceDistancesTests(ITestOutputHelper output)
{
    [Fact]
    public void Find_Cube_MarksShellOnly()
    {
        var shape = new VolumeShape(6, 6, 6);
        var cube = TestMasks.Box(shape, (1, 1, 1), (5, 5, 5));
        var surface = new byte[shape.VoxelCount];

        SurfaceVoxels.Find(cube.Labels.Span, shape, surface);

        Assert.Equal(64 - 8, surface.Count(v => v == 1));
        Assert.Equal(0, surface[shape.IndexOf(2, 2, 2)]); // interior
        Assert.Equal(1, surface[shape.IndexOf(1, 2, 2)]); // face
    }

    [Fact]
    public void Find_MaskFillingTheGrid_GridFacesAreSurface()
    {
        var shape = new VolumeShape(3, 3, 3);
        var full = TestMasks.Box(shape, (0, 0, 0), (3, 3, 3));
        var surface = new byte[shape.VoxelCount];

        SurfaceVoxels.Find(full.Labels.Span, shape, surface);

        Assert.Equal(26, surface.Count(v => v == 1)); // all but the centre: outside the grid is background
    }

    [Fact]
    public void Compute_RandomMasks_MatchBruteForceSurfaceDistances()
    {
        var shape = new VolumeShape(8, 9, 7);
        var prediction = TestMasks.Random(shape, 0.3, seed: 11, 0.8, 1.1, 2.0);
        var reference = TestMasks.Random(shape, 0.3, seed: 12, 0.8, 1.1, 2.0);

        var distances = SurfaceDistances.Compute(prediction, reference);

        var expectedForward = BruteForceDirected(prediction, reference);
        var expectedBackward = BruteForceDirected(reference, prediction);
        Assert.Equal(expectedForward.Length, distances.PredictionToReference.Length);
        for (var i = 0; i < expectedForward.Length; i++)
        {
            Assert.Equal(expectedForward[i], distances.PredictionToReference[i], 1e-9);
        }

        for (var i = 0; i < expectedBackward.Length; i++)
        {
            Assert.Equal(expectedBackward[i], distances.ReferenceToPrediction[i], 1e-9);
        }

        var p95 = Math.Max(NumpyPercentile(expectedForward, 95), NumpyPercentile(expectedBackward, 95));
        Assert.Equal(p95, distances.HausdorffDistance95, 1e-9);
        Assert.Equal(expectedForward.Concat(expectedBackward).Average(), distances.AverageSymmetricSurfaceDistance, 1e-9);
    }

    [Fact]
    public void BoundingBox_OfUnion_SpansBothMasks()
    {
        var shape = new VolumeShape(6, 7, 8);
        var a = TestMasks.Empty(shape);
        var b = TestMasks.Empty(shape);
        a[1, 5, 2] = 1;
        b[4, 2, 7] = 1;
        b[3, 3, 0] = 1;

        Assert.Equal(new BoundingBox(1, 2, 0, 5, 6, 8), BoundingBox.OfUnion(a.Labels.Span, b.Labels.Span, shape));
        Assert.Null(BoundingBox.OfUnion(new byte[shape.VoxelCount], new byte[shape.VoxelCount], shape));
    }

    [Fact]
    public void HausdorffDistance_InterpolatesBetweenOrderStatistics()
    {
        // Directed distances {0, 1}: the 95th percentile is 0.95 (numpy 'linear'); HD95 takes the larger direction.
        double[] sorted = [0.0, 1.0];

        Assert.Equal(0.95, SurfaceDistances.Percentile(sorted, 95), 1e-12);
        Assert.Equal(0.0, SurfaceDistances.Percentile(sorted, 0));
        Assert.Equal(1.0, SurfaceDistances.Percentile(sorted, 100));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Compute_FullSizeBraTsGrid_MatchesTheCroppedGridWithinTheAnalyticBound()
    {
        // The BraTS training grid 256×256×160 with anisotropic spacing: two overlapping balls of radius ~70 (a large
        // tumour), then two masks whose bounding box is the whole grid (the worst case for the cropped EDT).
        var shape = new VolumeShape(256, 256, 160);
        var tumourPrediction = TestMasks.Sphere(shape, (120, 128, 80), 70, 1, 1, 1.5);
        var tumourReference = TestMasks.Sphere(shape, (128, 124, 78), 72, 1, 1, 1.5);
        var widePrediction = TestMasks.Sphere(shape, (128, 128, 80), 140, 1, 1, 1.5);
        var wideReference = TestMasks.Sphere(shape, (126, 128, 80), 135, 1, 1, 1.5);

        var tumour = PerformanceProbe.Measure(() => SegmentationMetrics.Compute(tumourPrediction, tumourReference));
        var wide = PerformanceProbe.Measure(() => SegmentationMetrics.Compute(widePrediction, wideReference));
        var overlapOnly = PerformanceProbe.Measure(() => SegmentationMetrics.Compute(widePrediction, wideReference, includeSurfaceDistances: false));

        output.WriteLine(PerformanceProbe.Describe("Compute, r≈70 balls (box 152×152×148)", tumour));
        output.WriteLine(PerformanceProbe.Describe("Compute, masks spanning the whole 256×256×160 grid", wide));
        output.WriteLine(PerformanceProbe.Describe("Compute without surface distances", overlapOnly));
        // The timings above are reported, not asserted (a benchmark's job). The values are: the same two balls on a small
        // grid that just holds them give the same HD95 (the distances do not depend on where the masks sit in the grid),
        // and it cannot exceed the Hausdorff distance of the continuous balls, |Δcentre| + |Δradius| in mm, plus one voxel
        // diagonal for the voxelisation.
        var hd95 = SegmentationMetrics.Compute(tumourPrediction, tumourReference).HausdorffDistance95!.Value;
        var small = new VolumeShape(162, 158, 156); // the joint bounding box (50..200, 52..198, 6..150) with a 5-voxel margin
        var smallHd95 = SegmentationMetrics.Compute(
            TestMasks.Sphere(small, (120 - 45, 128 - 47, 80 - 1), 70, 1, 1, 1.5),
            TestMasks.Sphere(small, (128 - 45, 124 - 47, 78 - 1), 72, 1, 1, 1.5)).HausdorffDistance95!.Value;

        // Radii are in voxels, so in mm the z semi-axes differ by 2 × 1.5 mm; the centres differ by (8, 4, 2 × 1.5) mm.
        var bound = Math.Sqrt((8.0 * 8.0) + (4.0 * 4.0) + (3.0 * 3.0)) + (2 * 1.5) + Math.Sqrt(1 + 1 + 2.25);
        Assert.Equal(smallHd95, hd95, 1e-9);
        Assert.InRange(hd95, 1.0, bound);
    }

    private static double[] BruteForceDirected(LabelVolume from, LabelVolume to)
    {
        var shape = from.Shape;
        var spacing = from.Geometry.Spacing;
        var fromSurface = new byte[shape.VoxelCount];
        var toSurface = new byte[shape.VoxelCount];
        BruteForceSurface(from, fromSurface);
        BruteForceSurface(to, toSurface);
        var distances = new List<double>();
        for (var a = 0; a < fromSurface.Length; a++)
        {
            if (fromSurface[a] == 0)
            {
                continue;
            }

            var best = double.PositiveInfinity;
            for (var b = 0; b < toSurface.Length; b++)
            {
                if (toSurface[b] != 0)
                {
                    best = Math.Min(best, Distance(shape, spacing, a, b));
                }
            }

            distances.Add(best);
        }

        distances.Sort();
        return [.. distances];
    }

    private static void BruteForceSurface(LabelVolume mask, byte[] surface)
    {
        var shape = mask.Shape;
        (int, int, int)[] neighbours = [(-1, 0, 0), (1, 0, 0), (0, -1, 0), (0, 1, 0), (0, 0, -1), (0, 0, 1)];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    if (mask[x, y, z] == 0)
                    {
                        continue;
                    }

                    foreach (var (dx, dy, dz) in neighbours)
                    {
                        int nx = x + dx, ny = y + dy, nz = z + dz;
                        var outside = nx < 0 || ny < 0 || nz < 0 || nx >= shape.X || ny >= shape.Y || nz >= shape.Z;
                        if (outside || mask[nx, ny, nz] == 0)
                        {
                            surface[shape.IndexOf(x, y, z)] = 1;
                        }
                    }
                }
            }
        }
    }

    private static double Distance(VolumeShape shape, (double X, double Y, double Z) spacing, int a, int b)
    {
        var yz = shape.Y * shape.Z;
        var dx = ((a / yz) - (b / yz)) * spacing.X;
        var dy = ((a / shape.Z % shape.Y) - (b / shape.Z % shape.Y)) * spacing.Y;
        var dz = ((a % shape.Z) - (b % shape.Z)) * spacing.Z;
        return Math.Sqrt((dx * dx) + (dy * dy) + (dz * dz));
    }

    private static double NumpyPercentile(double[] sorted, double percentile)
    {
        var position = percentile / 100 * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }
}
