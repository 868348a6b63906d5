// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Sampling;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Sampling;

public sealed class BorderMapTests
{
    [Fact]
    public void SobelMagnitude_ScipyFixture_MatchesGenericGradientMagnitude()
    {
        var mask = FixtureMask();

        var magnitude = SobelGradient.Magnitude(mask).Voxels.Span;

        for (var i = 0; i < magnitude.Length; i++)
        {
            Assert.Equal(Math.Sqrt(BorderMapScipyFixture.SquaredMagnitude[i]), magnitude[i], 1e-5);
        }
    }

    [Theory]
    [InlineData(3, BorderMapScipyFixture.Band3)]
    [InlineData(5, BorderMapScipyFixture.Band5)]
    public void Compute_ScipyFixture_MatchesMaximumFilterOfGradient(int dilation, string expected)
    {
        var band = BorderMap.Compute(FixtureMask(), dilation);

        Assert.Equal(expected, new string([.. band.Labels.ToArray().Select(v => (char)('0' + v))]));
    }

    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(3, 0.1)]
    [InlineData(5, 0.4)]
    [InlineData(13, 0.02)]
    public void Compute_RandomMask_MatchesBruteForce(int dilation, double density)
    {
        var shape = new VolumeShape(9, 10, 11);
        var mask = TestMasks.Random(shape, density, seed: dilation);

        var band = BorderMap.Compute(mask, dilation);

        Assert.Equal(BruteForceBand(mask, dilation), band.Labels.ToArray());
    }

    [Theory]
    [InlineData(3, 5, 6, 3)]
    [InlineData(13, 5, 6, 3)]
    [InlineData(5, 0, 6, 9)] // the blob touches the x = 0 face
    public void Compute_BlobAwayFromTheFaces_MatchesBruteForce(int dilation, int minX, int minY, int minZ)
    {
        // Only part of the grid holds foreground: the band is computed in a cropped box, which must not change it.
        var shape = new VolumeShape(20, 18, 16);
        var blob = TestMasks.Random(new VolumeShape(5, 5, 6), 0.5, seed: dilation);
        var mask = TestMasks.Empty(shape);
        for (var x = 0; x < 5; x++)
        {
            for (var y = 0; y < 5; y++)
            {
                for (var z = 0; z < 6; z++)
                {
                    mask[minX + x, minY + y, minZ + z] = blob[x, y, z];
                }
            }
        }

        var band = BorderMap.Compute(mask, dilation);

        Assert.Equal(BruteForceBand(mask, dilation), band.Labels.ToArray());
    }

    [Fact]
    public void Compute_Sphere_BandHugsTheSurfaceOnBothSides()
    {
        var shape = new VolumeShape(64, 64, 64);
        var sphere = TestMasks.Sphere(shape, (32, 32, 32), 20);

        var band = BorderMap.Compute(sphere);

        // scipy generic_gradient_magnitude + sobel, then maximum_filter(size=13): 110,386 band voxels on this sphere.
        Assert.Equal(110_386, band.CountForeground());
        var missing = new List<string>();
        var stray = new List<string>();
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var signed = Math.Sqrt(((x - 32) * (x - 32)) + ((y - 32) * (y - 32)) + ((z - 32) * (z - 32))) - 20;
                    if (Math.Abs(signed) <= 7 && band[x, y, z] == 0)
                    {
                        missing.Add($"({x}, {y}, {z}) at {signed:F2}");
                    }

                    // Cube dilation reaches √3 further along diagonal normals: never beyond 7·√3 ≈ 12.1.
                    if (Math.Abs(signed) > 12.2 && band[x, y, z] == 1)
                    {
                        stray.Add($"({x}, {y}, {z}) at {signed:F2}");
                    }
                }
            }
        }

        Assert.Empty(missing); // voxels within 7 of the surface, on either side, are in the band
        Assert.Empty(stray);

        // Along +x the foreground ends at x = 52; the Sobel band reaches 53 and the 13³ dilation 6 further.
        Assert.Equal(1, band[59, 32, 32]);
        Assert.Equal(0, band[60, 32, 32]);
        Assert.Equal(0, band[32, 32, 32]);
    }

    [Fact]
    public void Compute_EmptyAndFullMasks_HaveNoBorder()
    {
        var shape = new VolumeShape(5, 6, 7);

        Assert.Equal(0, BorderMap.Compute(TestMasks.Empty(shape)).CountForeground());
        // 'reflect' edges: a mask filling the grid has no gradient anywhere, not even on the grid's faces.
        Assert.Equal(0, BorderMap.Compute(TestMasks.Box(shape, (0, 0, 0), (5, 6, 7))).CountForeground());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-3)]
    [InlineData(257)]
    public void Compute_InvalidDilation_Throws(int dilation)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BorderMap.Compute(TestMasks.Empty(new VolumeShape(3, 3, 3)), dilation));
    }

    private static LabelVolume FixtureMask()
    {
        var (x, y, z) = BorderMapScipyFixture.Shape;
        var values = BorderMapScipyFixture.Mask.Select(c => (byte)(c - '0')).ToArray();
        return new LabelVolume(VolumeGeometry.Create(new VolumeShape(x, y, z)), values);
    }

    /// <summary>Direct 27-neighbour Sobel with clamped ('reflect') indices, then a brute-force clipped box maximum.</summary>
    private static byte[] BruteForceBand(LabelVolume mask, int dilation)
    {
        var shape = mask.Shape;
        int[] smooth = [1, 2, 1];
        int M(int x, int y, int z) => mask[Math.Clamp(x, 0, shape.X - 1), Math.Clamp(y, 0, shape.Y - 1), Math.Clamp(z, 0, shape.Z - 1)] > 0 ? 1 : 0;
        var support = new bool[shape.X, shape.Y, shape.Z];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    int gx = 0, gy = 0, gz = 0;
                    for (var a = -1; a <= 1; a++)
                    {
                        for (var b = -1; b <= 1; b++)
                        {
                            var w = smooth[a + 1] * smooth[b + 1];
                            gx += w * (M(x + 1, y + a, z + b) - M(x - 1, y + a, z + b));
                            gy += w * (M(x + a, y + 1, z + b) - M(x + a, y - 1, z + b));
                            gz += w * (M(x + a, y + b, z + 1) - M(x + a, y + b, z - 1));
                        }
                    }

                    support[x, y, z] = (gx * gx) + (gy * gy) + (gz * gz) != 0;
                }
            }
        }

        var radius = (dilation - 1) / 2;
        var band = new byte[shape.VoxelCount];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var any = false;
                    for (var i = Math.Max(0, x - radius); i <= Math.Min(shape.X - 1, x + radius) && !any; i++)
                    {
                        for (var j = Math.Max(0, y - radius); j <= Math.Min(shape.Y - 1, y + radius) && !any; j++)
                        {
                            for (var k = Math.Max(0, z - radius); k <= Math.Min(shape.Z - 1, z + radius) && !any; k++)
                            {
                                any = support[i, j, k];
                            }
                        }
                    }

                    band[shape.IndexOf(x, y, z)] = any ? (byte)1 : (byte)0;
                }
            }
        }

        return band;
    }
}
