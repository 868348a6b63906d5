// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>Limits and checks applied when reading volume files (NIfTI, MetaImage) and dataset cases.</summary>
/// <remarks>
/// The limits are checked against what the header declares <b>before</b> anything of that size is allocated, so a
/// hostile or corrupt header cannot make the reader allocate or inflate more than these bounds.
/// </remarks>
public sealed record VolumeReadOptions
{
    /// <summary>Gets the shared default options.</summary>
    public static VolumeReadOptions Default { get; } = new();

    /// <summary>
    /// Gets the largest number of stored values (voxels × channels) a file may declare. Default 2^31; the effective
    /// limit is also capped at <see cref="Array.MaxLength"/>, the largest .NET array.
    /// </summary>
    public long MaxVoxels { get; init; } = 1L << 31;

    /// <summary>
    /// Gets the largest header a file may have: the NIfTI header plus extensions (vox_offset) or a MetaImage text
    /// header. Default 64 MiB (real CIFTI extensions reach a few MiB).
    /// </summary>
    public long MaxHeaderBytes { get; init; } = 64L << 20;

    /// <summary>
    /// Gets how many decompressed bytes may follow the voxel data in a gzip/zlib stream. They are inflated and discarded
    /// so that the stream's CRC is still verified; a longer tail is rejected as a likely decompression bomb. Default 64 MiB.
    /// </summary>
    public long MaxTrailingBytes { get; init; } = 64L << 20;

    /// <summary>Gets a value indicating whether a NaN or ±Inf voxel makes the read fail. Default false (use <see cref="VolumeValidation"/> to count them).</summary>
    public bool RejectNonFiniteVoxels { get; init; }

    /// <summary>
    /// Gets the largest difference, per affine element (mm), between a case's image channels and its label before
    /// their geometries count as different. Default 1e-3.
    /// </summary>
    public double GeometryTolerance { get; init; } = 1e-3;

    /// <summary>Gets what a dataset source does when a case's files have the same shape but different affines. Default <see cref="AffineMismatchPolicy.Reject"/>.</summary>
    public AffineMismatchPolicy AffineMismatch { get; init; } = AffineMismatchPolicy.Reject;
}
