// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Synthetic;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Synthetic;

public sealed class BrainTumourPhantomTests
{
    private static readonly VolumeShape s_shape = new(64, 64, 40);

    private static readonly PhantomTissue[] s_lesionTissues = [PhantomTissue.Oedema, PhantomTissue.EnhancingTumour, PhantomTissue.NecroticCore];

    [Fact]
    public void Generate_SameSeedAndIndex_IsBitIdentical()
    {
        var options = new SyntheticPhantomOptions { Seed = 42, Shape = s_shape };

        var a = SyntheticPhantoms.Generate(options, 3);
        var b = SyntheticPhantoms.Generate(options, 3);

        Assert.True(a.Image.Voxels.Span.SequenceEqual(b.Image.Voxels.Span));
        Assert.True(a.Label!.Labels.Span.SequenceEqual(b.Label!.Labels.Span));
        Assert.Equal(a.Image.Geometry, b.Image.Geometry);
    }

    [Fact]
    public void Generate_DifferentSeedsOrIndices_GiveDifferentLesions()
    {
        var first = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 1, Shape = s_shape }, 0);
        var otherSeed = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 2, Shape = s_shape }, 0);
        var otherIndex = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 1, Shape = s_shape }, 1);

        foreach (var other in new[] { otherSeed, otherIndex })
        {
            Assert.NotEqual(first.Lesions[0].CentreVoxel, other.Lesions[0].CentreVoxel);
            Assert.False(first.Case.Label!.Labels.Span.SequenceEqual(other.Case.Label!.Labels.Span));
        }
    }

    [Fact]
    public void Generate_ShapeSpacingGeometryAndMetadata()
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Shape = new VolumeShape(48, 40, 31) }, 7);

        Assert.Equal("phantom-007", phantom.Id);
        Assert.Equal(4, phantom.Image.Channels);
        Assert.Equal(new VolumeShape(48, 40, 31), phantom.Image.Shape);
        Assert.Equal((5.0, 6.0, 5.0), phantom.Image.Geometry.Spacing); // BraTS field of view 240 × 240 × 155 mm
        Assert.Equal("RAS", phantom.Image.Geometry.OrientationCode);
        TestVolumesAssert.Near((0, 0, 0), phantom.Image.Geometry.Affine.Transform(23.5, 19.5, 15)); // centred
        Assert.Same(phantom.Image.Geometry, phantom.Label!.Geometry);
        Assert.Equal("FLAIR,T1,T1ce,T2", phantom.Metadata["channels"]);
        Assert.Equal("BrainTumour", phantom.Metadata["kind"]);
    }

    [Fact]
    public void Generate_ExplicitSpacing_IsUsed()
    {
        var phantom = SyntheticPhantoms.Generate(new SyntheticPhantomOptions { Shape = new VolumeShape(32, 32, 20), Spacing = (1, 1, 2) });

        Assert.Equal((1.0, 1.0, 2.0), phantom.Image.Geometry.Spacing);
        Assert.Equal((1.0, 1.0, 2.0), phantom.Image.Geometry.Affine.ColumnNorms);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Labels_AreBraTsValues_AndWholeTumourIsTheirUnion(int seed)
    {
        var phantom = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = seed, Shape = s_shape });
        var label = phantom.Case.Label!;

        var values = label.Labels.ToArray().ToHashSet();
        Assert.Subset(new HashSet<byte> { 0, 1, 2, 4 }, values);
        Assert.Contains((byte)2, values);
        Assert.Contains((byte)4, values);
        var wholeTumour = label.ToBinary();
        Assert.Equal(label.CountForeground(), wholeTumour.CountForeground());
        Assert.InRange(phantom.Lesions.Count, 1, 3);
        Assert.Equal(phantom.Lesions.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), phantom.Case.Metadata["lesions"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(9)]
    public void Lesions_LieInsideTheBrain(int seed)
    {
        var phantom = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = seed, Shape = s_shape, MinLesionCount = 3, MaxLesionCount = 3 });
        var label = phantom.Case.Label!;
        var tissues = phantom.Tissues;
        var s = label.Shape;

        for (var x = 0; x < s.X; x++)
        {
            for (var y = 0; y < s.Y; y++)
            {
                for (var z = 0; z < s.Z; z++)
                {
                    if (label[x, y, z] == 0)
                    {
                        continue;
                    }

                    Assert.Contains((PhantomTissue)tissues[x, y, z], s_lesionTissues);
                    foreach (var (dx, dy, dz) in new[] { (1, 0, 0), (-1, 0, 0), (0, 1, 0), (0, -1, 0), (0, 0, 1), (0, 0, -1) })
                    {
                        var neighbour = (PhantomTissue)tissues[x + dx, y + dy, z + dz];
                        Assert.DoesNotContain(neighbour, new[] { PhantomTissue.Background, PhantomTissue.Scalp, PhantomTissue.Skull });
                    }
                }
            }
        }

        foreach (var lesion in phantom.Lesions)
        {
            var (cx, cy, cz) = lesion.CentreVoxel;
            var centre = (PhantomTissue)tissues[(int)Math.Round(cx), (int)Math.Round(cy), (int)Math.Round(cz)];
            Assert.DoesNotContain(centre, new[] { PhantomTissue.Background, PhantomTissue.Scalp, PhantomTissue.Skull, PhantomTissue.Csf });
        }
    }

    [Fact]
    public void Modalities_ShowTheDesignedContrasts()
    {
        // Mean intensity of each region over several cases: FLAIR oedema bright, T1 lesion dark, T1ce rim bright and
        // necrosis dark, T2 oedema bright (all relative to normal grey and white matter).
        var sums = new Dictionary<PhantomTissue, double[]>();
        var counts = new Dictionary<PhantomTissue, long>();
        for (var seed = 0; seed < 4; seed++)
        {
            var phantom = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = seed, Shape = s_shape });
            var tissues = phantom.Tissues.Labels.Span;
            var n = tissues.Length;
            var image = phantom.Case.Image.Voxels.Span;
            for (var i = 0; i < n; i++)
            {
                var t = (PhantomTissue)tissues[i];
                t = t is PhantomTissue.GreyMatter or PhantomTissue.WhiteMatter ? PhantomTissue.WhiteMatter : t;
                if (!sums.TryGetValue(t, out var sum))
                {
                    sums[t] = sum = new double[4];
                }

                for (var c = 0; c < 4; c++)
                {
                    sum[c] += image[(c * n) + i];
                }

                counts[t] = counts.GetValueOrDefault(t) + 1;
            }
        }

        double Mean(PhantomTissue t, int channel) => sums[t][channel] / counts[t];
        const int Flair = 0, T1 = 1, T1ce = 2, T2 = 3;
        var normal = PhantomTissue.WhiteMatter; // grey and white matter pooled
        Assert.True(Mean(PhantomTissue.Oedema, Flair) > 1.2 * Mean(normal, Flair));
        Assert.True(Mean(PhantomTissue.Oedema, T1) < 0.92 * Mean(normal, T1));
        Assert.True(Mean(PhantomTissue.EnhancingTumour, T1) < Mean(normal, T1));
        Assert.True(Mean(PhantomTissue.EnhancingTumour, T1ce) > 1.5 * Mean(normal, T1ce));
        Assert.True(Mean(PhantomTissue.NecroticCore, T1ce) < Mean(normal, T1ce));
        Assert.True(Mean(PhantomTissue.Oedema, T2) > 1.2 * Mean(normal, T2));
        Assert.True(Mean(PhantomTissue.EnhancingTumour, T2) > Mean(normal, T2));
        Assert.True(Mean(PhantomTissue.Ventricle, T2) > Mean(normal, T2) && Mean(PhantomTissue.Ventricle, Flair) < Mean(normal, Flair));

        // The unlabelled mimics look like oedema in FLAIR but never enhance.
        Assert.True(Mean(PhantomTissue.WhiteMatterHyperintensity, Flair) > 1.1 * Mean(normal, Flair));
        Assert.True(Mean(PhantomTissue.WhiteMatterHyperintensity, T1ce) < Mean(PhantomTissue.EnhancingTumour, T1ce) / 1.5);
    }

    [Fact]
    public void Mimics_AreNeverLabelled()
    {
        var phantom = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 4, Shape = s_shape });
        var tissues = phantom.Tissues.Labels.Span;
        var labels = phantom.Case.Label!.Labels.Span;
        var mimicVoxels = 0;
        for (var i = 0; i < tissues.Length; i++)
        {
            if ((PhantomTissue)tissues[i] == PhantomTissue.WhiteMatterHyperintensity)
            {
                mimicVoxels++;
                Assert.Equal(0, labels[i]);
            }
        }

        Assert.True(mimicVoxels > 0);
    }

    [Fact]
    public void Lesions_VaryInSizeAndIncludeSmallSatellites()
    {
        // Lesion lists of 32 cases at the default 128×128×80 grid, drawn without rendering voxels.
        var options = new SyntheticPhantomOptions { Seed = 3 };
        var cases = Enumerable.Range(0, 32).Select(i => OssNet.Sdk.Synthetic.Generation.BrainPhantomGenerator.DrawLesions(options, i)).ToArray();
        var radii = cases.SelectMany(c => c.Select(l => l.RadiusMillimetres)).ToArray();
        var smallCases = cases.Count(c => c.Any(l => l.IsSmall));
        var smallRadiiInVoxels = cases.SelectMany(c => c.Where(l => l.IsSmall).Select(l => l.RadiusMillimetres / options.EffectiveSpacing.X)).ToArray();

        // A large primary tumour in every case; small satellites (a few voxels, 1–2 on the encoder grid) in about half.
        Assert.All(cases, c => Assert.False(c[0].IsSmall));
        Assert.InRange(smallCases, 8, 24);
        Assert.True(radii.Max() / radii.Min() > 3, $"radii span {radii.Min():F1}–{radii.Max():F1} mm");
        Assert.InRange(smallRadiiInVoxels.Max(), 2, 5);
        Assert.Equal(cases[5].Length, SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 3, Shape = s_shape }, 5).Lesions.Count);
    }

    [Fact]
    public void Generate_DifferentResolutions_SameAnatomyInMillimetres()
    {
        var coarse = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 8, Shape = new VolumeShape(96, 96, 60) });
        var fine = SyntheticPhantoms.GenerateDetailed(new SyntheticPhantomOptions { Seed = 8, Shape = new VolumeShape(128, 128, 80) });

        Assert.Equal(coarse.Lesions.Count, fine.Lesions.Count);
        for (var i = 0; i < coarse.Lesions.Count; i++)
        {
            Assert.Equal(coarse.Lesions[i].RadiusMillimetres, fine.Lesions[i].RadiusMillimetres, 4);
            var world = coarse.Case.Image.Geometry.Affine.Transform(coarse.Lesions[i].CentreVoxel.X, coarse.Lesions[i].CentreVoxel.Y, coarse.Lesions[i].CentreVoxel.Z);
            TestVolumesAssert.Near(world, fine.Case.Image.Geometry.Affine.Transform(fine.Lesions[i].CentreVoxel.X, fine.Lesions[i].CentreVoxel.Y, fine.Lesions[i].CentreVoxel.Z), 1e-3);
        }
    }
}
