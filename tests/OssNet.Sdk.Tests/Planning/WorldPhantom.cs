// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Tests.Planning;

/// <summary>
/// One synthetic "head" defined in world millimetres and sampled on any grid (shape, spacing, orientation), so that the same
/// anatomy can be stored as different scans: a body ellipsoid (non-zero intensities) in a zero background, and a label
/// ellipsoid (values 1 and 2) inside it.
/// </summary>
internal static class WorldPhantom
{
    /// <summary>A grid of <paramref name="shape"/> voxels of <paramref name="spacing"/> mm, axes pointing as <paramref name="orientation"/> says, centred on the world origin.</summary>
    public static VolumeGeometry Geometry(VolumeShape shape, (double X, double Y, double Z) spacing, string orientation = "RAS")
    {
        var columns = new double[3, 3];
        var s = new[] { spacing.X, spacing.Y, spacing.Z };
        for (var axis = 0; axis < 3; axis++)
        {
            var (world, sign) = orientation[axis] switch
            {
                'R' => (0, 1), 'L' => (0, -1), 'A' => (1, 1), 'P' => (1, -1), 'S' => (2, 1), _ => (2, -1),
            };
            columns[world, axis] = sign * s[axis];
        }

        var n = new[] { shape.X, shape.Y, shape.Z };
        var rows = new double[12];
        for (var r = 0; r < 3; r++)
        {
            double centre = 0;
            for (var c = 0; c < 3; c++)
            {
                rows[(r * 4) + c] = columns[r, c];
                centre += columns[r, c] * (n[c] - 1) / 2.0;
            }

            rows[(r * 4) + 3] = -centre;
        }

        return new VolumeGeometry(shape, spacing, AffineMatrix.FromRows(rows));
    }

    /// <summary>Samples the phantom on <paramref name="geometry"/>: body radii (mm) <paramref name="body"/>, label radii 0.5× the body's.</summary>
    public static VolumeCase Case(string id, VolumeGeometry geometry, (double X, double Y, double Z) body, float offset = 100, float scale = 1, int channels = 1)
    {
        var shape = geometry.Shape;
        var n = (int)shape.VoxelCount;
        var image = new float[channels * n];
        var labels = new byte[n];
        for (var x = 0; x < shape.X; x++)
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var (wx, wy, wz) = geometry.Affine.Transform(x, y, z);
                    var r = Square(wx / body.X) + Square(wy / body.Y) + Square(wz / body.Z);
                    var i = (int)shape.IndexOf(x, y, z);
                    if (r <= 1)
                    {
                        for (var c = 0; c < channels; c++)
                        {
                            image[(c * n) + i] = (offset + (c * 10) + (float)(20 * wx / body.X) + (float)(5 * Math.Sin(wy / 7))) * scale;
                        }
                    }

                    labels[i] = r <= 0.25 ? (wx < 0 ? (byte)1 : (byte)2) : (byte)0;
                }
            }
        }

        return new VolumeCase(id, new Volume(geometry, channels, image), new LabelVolume(geometry, labels));
    }

    private static double Square(double v) => v * v;
}
