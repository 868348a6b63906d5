// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

public sealed class AbdomenLiverPhantomTests
{
    private static SyntheticPhantomOptions Options(int seed) =>
        new() { Kind = PhantomKind.AbdomenLiver, Seed = seed, Shape = new VolumeShape(64, 64, 40) };

    [Fact]
    public void Generate_SameSeed_IsBitIdentical_DifferentSeed_Differs()
    {
        var a = SyntheticPhantoms.Generate(Options(5), 2);
        var b = SyntheticPhantoms.Generate(Options(5), 2);
        var c = SyntheticPhantoms.Generate(Options(6), 2);

        Assert.True(a.Image.Voxels.Span.SequenceEqual(b.Image.Voxels.Span));
        Assert.True(a.Label!.Labels.Span.SequenceEqual(b.Label!.Labels.Span));
        Assert.False(a.Label.Labels.Span.SequenceEqual(c.Label!.Labels.Span));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Generate_OneChannelHounsfieldImage_WithLiverAndLesionLabels(int seed)
    {
        var phantom = SyntheticPhantoms.GenerateDetailed(Options(seed));
        var image = phantom.Case.Image;

        Assert.Equal(1, image.Channels);
        Assert.Equal((380.0 / 64, 380.0 / 64, 300.0 / 40), image.Geometry.Spacing);
        var labels = phantom.Case.Label!.Labels.ToArray().ToHashSet();
        Assert.Subset(new HashSet<byte> { 0, 1, 2 }, labels);
        Assert.Contains((byte)1, labels);
        Assert.Contains((byte)2, labels);
        Assert.Equal("1 liver, 2 liver lesion", phantom.Case.Metadata["labels"]);

        var means = TissueMeans(phantom);
        Assert.InRange(means[PhantomTissue.Background], -1010, -980);
        Assert.InRange(means[PhantomTissue.Fat], -130, -60); // partial volume with air at the skin
        Assert.InRange(means[PhantomTissue.Liver], 50, 70);
        Assert.True(means[PhantomTissue.Bone] > 250);
        Assert.True(means[PhantomTissue.LiverLesion] < means[PhantomTissue.Liver] - 8, $"lesion {means[PhantomTissue.LiverLesion]:F1} HU vs liver {means[PhantomTissue.Liver]:F1} HU");
    }

    [Fact]
    public void Liver_SitsInTheRightUpperAbdomen_AndContainsTheLesions()
    {
        var phantom = SyntheticPhantoms.GenerateDetailed(Options(4));
        var label = phantom.Case.Label!;
        var s = label.Shape;
        double sx = 0, sz = 0;
        long n = 0;
        var lesionVoxels = 0;
        var lesionVoxelsTouchingOutside = 0;
        for (var x = 1; x < s.X - 1; x++)
        {
            for (var y = 1; y < s.Y - 1; y++)
            {
                for (var z = 1; z < s.Z - 1; z++)
                {
                    var l = label[x, y, z];
                    if (l > 0)
                    {
                        (sx, sz, n) = (sx + x, sz + z, n + 1);
                    }

                    if (l == 2)
                    {
                        lesionVoxels++;
                        if (label[x + 1, y, z] == 0 || label[x - 1, y, z] == 0 || label[x, y + 1, z] == 0 || label[x, y - 1, z] == 0)
                        {
                            lesionVoxelsTouchingOutside++;
                        }
                    }
                }
            }
        }

        // RAS: +x is the patient's right, +z superior; the volume centre is the origin.
        Assert.True(sx / n > (s.X - 1) / 2.0 + 3, $"liver centroid x {sx / n:F1}");
        Assert.True(sz / n > (s.Z - 1) / 2.0, $"liver centroid z {sz / n:F1}");
        Assert.True(lesionVoxels > 0);
        Assert.True(lesionVoxelsTouchingOutside <= lesionVoxels / 10, $"{lesionVoxelsTouchingOutside} of {lesionVoxels} lesion voxels touch non-liver");
    }

    private static Dictionary<PhantomTissue, double> TissueMeans(SyntheticPhantom phantom)
    {
        var sums = new Dictionary<PhantomTissue, (double Sum, long Count)>();
        var tissues = phantom.Tissues.Labels.Span;
        var image = phantom.Case.Image.Voxels.Span;
        for (var i = 0; i < tissues.Length; i++)
        {
            var t = (PhantomTissue)tissues[i];
            var (sum, count) = sums.GetValueOrDefault(t);
            sums[t] = (sum + image[i], count + 1);
        }

        return sums.ToDictionary(p => p.Key, p => p.Value.Sum / p.Value.Count);
    }
}
