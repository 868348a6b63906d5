// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Transforms.Kernels;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms.Steps;

/// <summary>
/// New geometries for the grid operations. Each one right-multiplies the affine by the voxel map from the new grid to the
/// old one (A' = A · M), so every voxel keeps its world position.
/// </summary>
internal static class GeometryUpdate
{
    /// <summary>Pad/crop: new index = old index + before, so M translates by −before; spacing unchanged.</summary>
    public static VolumeGeometry Shifted(VolumeGeometry geometry, VolumeShape shape, (int X, int Y, int Z) before) =>
        new(shape, geometry.Spacing, geometry.Affine.Multiply(AffineMatrix.Diagonal(1, 1, 1, -before.X, -before.Y, -before.Z)));

    /// <summary>Resampling with old index = scale·new + offset per axis; the spacing is multiplied by the scale.</summary>
    public static VolumeGeometry Resampled(VolumeGeometry geometry, VolumeShape shape, AxisMap x, AxisMap y, AxisMap z)
    {
        var m = AffineMatrix.Diagonal(x.Scale, y.Scale, z.Scale, x.Offset, y.Offset, z.Offset);
        var s = geometry.Spacing;
        return new VolumeGeometry(shape, (s.X * x.Scale, s.Y * y.Scale, s.Z * z.Scale), geometry.Affine.Multiply(m));
    }

    /// <summary>
    /// Axis permutation with flips: old index along axis <c>p.Axis(d)</c> is new index d (or n−1−d when flipped).
    /// The spacing follows its axis.
    /// </summary>
    public static VolumeGeometry Permuted(VolumeGeometry geometry, AxisPermutation p)
    {
        var shape = geometry.Shape;
        Span<int> n = [shape.X, shape.Y, shape.Z];
        Span<double> spacing = [geometry.Spacing.X, geometry.Spacing.Y, geometry.Spacing.Z];
        var rows = new double[12];
        for (var d = 0; d < 3; d++)
        {
            var axis = p.Axis(d);
            rows[(axis * 4) + d] = p.Flip(d) ? -1 : 1;
            if (p.Flip(d))
            {
                rows[(axis * 4) + 3] = n[axis] - 1;
            }
        }

        var m = AffineMatrix.FromRows(rows);
        return new VolumeGeometry(
            p.TargetShape(shape),
            (spacing[p.Axis(0)], spacing[p.Axis(1)], spacing[p.Axis(2)]),
            geometry.Affine.Multiply(m));
    }
}
