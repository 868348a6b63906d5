// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// The physical frame of a phantom: voxel-centre positions in millimetres relative to the volume centre, per axis, and
/// the field of view. Anatomy is laid out in this frame (as fractions of the field of view), so it does not depend on
/// the voxel count.
/// </summary>
internal sealed class PhantomFrame
{
    public PhantomFrame(VolumeShape shape, (double X, double Y, double Z) spacing)
    {
        Shape = shape;
        Spacing = spacing;
        FieldOfView = (shape.X * spacing.X, shape.Y * spacing.Y, shape.Z * spacing.Z);
        X = Centres(shape.X, spacing.X);
        Y = Centres(shape.Y, spacing.Y);
        Z = Centres(shape.Z, spacing.Z);
        EdgeWidth = (float)((spacing.X + spacing.Y + spacing.Z) / 3);
        LargestSpacing = Math.Max(spacing.X, Math.Max(spacing.Y, spacing.Z));
    }

    public VolumeShape Shape { get; }

    public (double X, double Y, double Z) Spacing { get; }

    public (double X, double Y, double Z) FieldOfView { get; }

    /// <summary>Gets voxel-centre positions along X in mm (0 at the volume centre).</summary>
    public float[] X { get; }

    /// <summary>Gets voxel-centre positions along Y in mm.</summary>
    public float[] Y { get; }

    /// <summary>Gets voxel-centre positions along Z in mm.</summary>
    public float[] Z { get; }

    /// <summary>Gets the width of a partial-volume edge (one mean voxel) in mm.</summary>
    public float EdgeWidth { get; }

    /// <summary>Gets the largest voxel spacing in mm.</summary>
    public double LargestSpacing { get; }

    /// <summary>Gets the RAS geometry with the volume centre at the world origin.</summary>
    public VolumeGeometry Geometry() =>
        new(Shape, Spacing, AffineMatrix.Diagonal(
            Spacing.X, Spacing.Y, Spacing.Z,
            -(Shape.X - 1) / 2.0 * Spacing.X, -(Shape.Y - 1) / 2.0 * Spacing.Y, -(Shape.Z - 1) / 2.0 * Spacing.Z));

    /// <summary>Converts a position in mm back to (fractional) voxel indices.</summary>
    public (double X, double Y, double Z) ToVoxel(double x, double y, double z) =>
        ((x / Spacing.X) + ((Shape.X - 1) / 2.0), (y / Spacing.Y) + ((Shape.Y - 1) / 2.0), (z / Spacing.Z) + ((Shape.Z - 1) / 2.0));

    private static float[] Centres(int n, double spacing)
    {
        var c = new float[n];
        for (var i = 0; i < n; i++)
        {
            c[i] = (float)((i - ((n - 1) / 2.0)) * spacing);
        }

        return c;
    }
}
