// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>Where a volume's voxels sit in the world: shape, spacing and the voxel-to-world affine (RAS+, mm).</summary>
/// <remarks>
/// <see cref="Spacing"/> is the voxel size in millimetres along i, j, k (the affine's column norms unless the file
/// stated otherwise). <see cref="Affine"/> maps voxel indices (i, j, k) to RAS+ world millimetres.
/// </remarks>
public sealed record VolumeGeometry
{
    /// <summary>Initializes a new geometry.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A non-positive extent or a non-positive/non-finite spacing.</exception>
    public VolumeGeometry(VolumeShape shape, (double X, double Y, double Z) spacing, AffineMatrix affine)
    {
        ArgumentNullException.ThrowIfNull(affine);
        shape.Validate();
        if (!(spacing.X > 0 && spacing.Y > 0 && spacing.Z > 0 && double.IsFinite(spacing.X + spacing.Y + spacing.Z)))
        {
            throw new ArgumentOutOfRangeException(nameof(spacing), spacing, "Voxel spacing must be positive and finite.");
        }

        Shape = shape;
        Spacing = spacing;
        Affine = affine;
    }

    /// <summary>Gets the number of voxels along each image axis.</summary>
    public VolumeShape Shape { get; }

    /// <summary>Gets the voxel size in millimetres along i, j and k.</summary>
    public (double X, double Y, double Z) Spacing { get; }

    /// <summary>Gets the voxel-to-world affine (RAS+, millimetres).</summary>
    public AffineMatrix Affine { get; }

    /// <summary>Gets the orientation code of the affine, e.g. "RAS" or "LPI".</summary>
    public string OrientationCode => Affine.OrientationCode;

    /// <summary>Creates an axis-aligned RAS geometry with the given spacing and the origin at voxel (0, 0, 0).</summary>
    public static VolumeGeometry Create(VolumeShape shape, double spacingX = 1, double spacingY = 1, double spacingZ = 1) =>
        new(shape, (spacingX, spacingY, spacingZ), AffineMatrix.Diagonal(spacingX, spacingY, spacingZ));

    /// <summary>Returns a copy with another shape (same spacing and affine), e.g. after padding at the far end.</summary>
    public VolumeGeometry WithShape(VolumeShape shape) => new(shape, Spacing, Affine);

    /// <summary>True when shapes match and affines agree within <paramref name="tolerance"/> millimetres.</summary>
    public bool IsCompatibleWith(VolumeGeometry other, double tolerance = 1e-3)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Shape == other.Shape && Affine.ApproximatelyEquals(other.Affine, tolerance);
    }
}
