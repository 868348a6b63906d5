// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>The spatial size of a volume in voxels along the image axes i (X), j (Y) and k (Z).</summary>
/// <param name="X">Voxels along the first image axis (NIfTI i).</param>
/// <param name="Y">Voxels along the second image axis (NIfTI j).</param>
/// <param name="Z">Voxels along the third image axis (NIfTI k).</param>
/// <remarks>Memory layout of every SDK voxel buffer: see <see cref="Volume"/>.</remarks>
public readonly record struct VolumeShape(int X, int Y, int Z)
{
    /// <summary>Gets the number of voxels, X·Y·Z.</summary>
    public long VoxelCount => (long)X * Y * Z;

    /// <summary>Gets the linear index of voxel (x, y, z) in the SDK layout (z fastest, then y, then x).</summary>
    public long IndexOf(int x, int y, int z) => ((long)x * Y + y) * Z + z;

    /// <summary>Throws when any extent is not positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An extent is zero or negative.</exception>
    public void Validate()
    {
        if (X <= 0 || Y <= 0 || Z <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(VolumeShape), this, "Every extent of a volume shape must be positive.");
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{X}×{Y}×{Z}";
}
