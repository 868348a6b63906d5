// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.TestSupport;

/// <summary>Deterministic volumes whose every voxel has a distinct value, so a wrong transposition cannot pass.</summary>
internal static class TestVolumes
{
    /// <summary>value(c, x, y, z) = 1000·c + 100·x + 10·y + z + 0.25 (distinct for sizes up to 10).</summary>
    public static float Value(int c, int x, int y, int z) => (1000 * c) + (100 * x) + (10 * y) + z + 0.25f;

    /// <summary>An oblique affine with anisotropic spacing, a negative determinant and an offset.</summary>
    public static AffineMatrix ObliqueAffine()
    {
        var a = 0.3;
        return AffineMatrix.FromRows(
        [
            -Math.Cos(a) * 0.9, -Math.Sin(a) * 1.2, 0, 90.5,
            -Math.Sin(a) * 0.9, Math.Cos(a) * 1.2, 0, -126.25,
            0, 0, 2.5, -72,
        ]);
    }

    public static Volume Image(VolumeShape shape, int channels = 1, AffineMatrix? affine = null)
    {
        affine ??= ObliqueAffine();
        var volume = Volume.Zeros(new VolumeGeometry(shape, affine.ColumnNorms, affine), channels);
        for (var c = 0; c < channels; c++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var y = 0; y < shape.Y; y++)
                {
                    for (var z = 0; z < shape.Z; z++)
                    {
                        volume[c, x, y, z] = Value(c, x, y, z);
                    }
                }
            }
        }

        return volume;
    }

    public static LabelVolume Labels(VolumeShape shape, AffineMatrix? affine = null)
    {
        affine ??= ObliqueAffine();
        var labels = LabelVolume.Zeros(new VolumeGeometry(shape, affine.ColumnNorms, affine));
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    labels[x, y, z] = (byte)(((x * 7) + (y * 3) + z) % 256);
                }
            }
        }

        return labels;
    }

    public static void AssertSameVoxels(Volume expected, Volume actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.Channels, actual.Channels);
        var e = expected.Voxels.Span;
        var a = actual.Voxels.Span;
        for (var i = 0; i < e.Length; i++)
        {
            if (e[i] != a[i])
            {
                Assert.Fail($"voxel {i}: expected {e[i]}, got {a[i]}");
            }
        }
    }

    public static void AssertAffine(AffineMatrix expected, AffineMatrix actual, double tolerance = 1e-4) =>
        Assert.True(expected.ApproximatelyEquals(actual, tolerance), $"expected {expected}, got {actual}");
}
