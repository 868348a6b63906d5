// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Globalization;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>The parsed, validated header of a NIfTI-1 or NIfTI-2 file, with both transforms and the affine the SDK uses.</summary>
/// <remarks>
/// Affine precedence (as nibabel): sform_code &gt; 0 → <see cref="SformMatrix"/>; else qform_code &gt; 0 →
/// <see cref="QformMatrix"/>; else diag(pixdim) (NIfTI method 1). <see cref="AffineRule"/> says which was used.
/// Returned by <see cref="NiftiReader.ReadHeaderAsync"/>.
/// </remarks>
public sealed class NiftiHeader
{
    internal NiftiHeader()
    {
    }

    /// <summary>Gets the NIfTI version: 1 (348-byte header) or 2 (540-byte header).</summary>
    public int Version { get; internal init; }

    /// <summary>Gets a value indicating whether header and data share one file (<c>n+1</c>/<c>n+2</c>) rather than a .hdr/.img pair.</summary>
    public bool IsSingleFile { get; internal init; }

    /// <summary>Gets a value indicating whether the file is little-endian.</summary>
    public bool IsLittleEndian { get; internal init; }

    /// <summary>Gets dim[0..7] as stored (dim[0] is the number of dimensions; entries above it are as stored, unused).</summary>
    public IReadOnlyList<long> Dimensions { get; internal init; } = [];

    /// <summary>Gets the spatial shape (dim[1..3]; missing dimensions are 1).</summary>
    public VolumeShape Shape { get; internal init; }

    /// <summary>Gets the number of channels: the product of dim[4..dim[0]] (1 for a 3-D file).</summary>
    public int Channels { get; internal init; }

    /// <summary>Gets the datatype code.</summary>
    public NiftiDataType DataType { get; internal init; }

    /// <summary>Gets bitpix as stored (a value inconsistent with the datatype only produces a warning).</summary>
    public int BitsPerVoxel { get; internal init; }

    /// <summary>Gets pixdim[0..7] as stored; pixdim[0] is qfac.</summary>
    public IReadOnlyList<double> PixelDimensions { get; internal init; } = [];

    /// <summary>Gets the byte offset of the voxel data (in the .nii, or in the .img of a pair).</summary>
    public long VoxelOffset { get; internal init; }

    /// <summary>Gets scl_slope as stored.</summary>
    public double ScaleSlope { get; internal init; }

    /// <summary>Gets scl_inter as stored.</summary>
    public double ScaleIntercept { get; internal init; }

    /// <summary>Gets a value indicating whether value = slope · stored + intercept is applied (slope finite and not 0, and not the identity).</summary>
    public bool IsScaled { get; internal init; }

    /// <summary>Gets xyzt_units (space = units &amp; 7: 1 m, 2 mm, 3 µm; time = units &amp; 0x38).</summary>
    public int XyztUnits { get; internal init; }

    /// <summary>Gets the intent code (e.g. 1002 LABEL, 1007 VECTOR).</summary>
    public int IntentCode { get; internal init; }

    /// <summary>Gets qform_code (0 unknown, 1 scanner, 2 aligned, 3 Talairach, 4 MNI, 5 template).</summary>
    public int QformCode { get; internal init; }

    /// <summary>Gets sform_code (same codes as <see cref="QformCode"/>).</summary>
    public int SformCode { get; internal init; }

    /// <summary>Gets the quaternion parameters b, c, d as stored.</summary>
    public (double B, double C, double D) Quaternion { get; internal init; }

    /// <summary>Gets qoffset_x, qoffset_y, qoffset_z.</summary>
    public (double X, double Y, double Z) QuaternionOffset { get; internal init; }

    /// <summary>Gets qfac: pixdim[0] as −1 or +1 (0 and other values read as +1).</summary>
    public int Qfac { get; internal init; }

    /// <summary>Gets the affine built from the quaternion (method 2), or null when qform_code is 0 or the quaternion is invalid.</summary>
    public AffineMatrix? QformMatrix { get; internal init; }

    /// <summary>Gets the affine of the srow rows (method 3), or null when sform_code is 0 or the rows are invalid.</summary>
    public AffineMatrix? SformMatrix { get; internal init; }

    /// <summary>Gets the voxel-to-world affine (RAS+, mm) the SDK uses for this file.</summary>
    public AffineMatrix Affine { get; internal init; } = AffineMatrix.Identity;

    /// <summary>Gets which rule produced <see cref="Affine"/>.</summary>
    public NiftiAffineRule AffineRule { get; internal init; }

    /// <summary>Gets the descrip text (up to 80 characters, trailing NULs removed).</summary>
    public string Description { get; internal init; } = string.Empty;

    /// <summary>Gets the header extensions that were found (skipped by the reader).</summary>
    public IReadOnlyList<NiftiExtension> Extensions { get; internal set; } = [];

    /// <summary>Gets non-fatal findings, e.g. a bitpix that disagrees with the datatype, or an invalid unused qform.</summary>
    public IReadOnlyList<string> Warnings { get; internal init; } = [];

    /// <summary>Gets the geometry: <see cref="Shape"/>, spacing = column norms of <see cref="Affine"/>, and <see cref="Affine"/>.</summary>
    public VolumeGeometry Geometry => new(Shape, Affine.ColumnNorms, Affine);

    internal VoxelLayout Layout { get; init; } = null!;

    /// <summary>Returns the header facts as metadata entries (keys prefixed "nifti.").</summary>
    public IReadOnlyDictionary<string, string> ToMetadata()
    {
        var c = CultureInfo.InvariantCulture;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["format"] = Version == 1 ? "NIfTI-1" : "NIfTI-2",
            ["nifti.version"] = Version.ToString(c),
            ["nifti.byteOrder"] = IsLittleEndian ? "little-endian" : "big-endian",
            ["nifti.dataType"] = DataType.ToString(),
            ["nifti.affineRule"] = AffineRule.ToString(),
            ["nifti.qformCode"] = QformCode.ToString(c),
            ["nifti.sformCode"] = SformCode.ToString(c),
            ["nifti.scaled"] = IsScaled ? "true" : "false",
            ["nifti.sclSlope"] = ScaleSlope.ToString("R", c),
            ["nifti.sclInter"] = ScaleIntercept.ToString("R", c),
            ["nifti.affine"] = Affine.ToString(),
        };
        if (QformMatrix is not null)
        {
            metadata["nifti.qform"] = QformMatrix.ToString();
        }

        if (SformMatrix is not null)
        {
            metadata["nifti.sform"] = SformMatrix.ToString();
        }

        if (Warnings.Count > 0)
        {
            metadata["warnings"] = string.Join("; ", Warnings);
        }

        return metadata;
    }
}
