// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>Which NIfTI rule produced a header's voxel-to-world affine (the SDK follows nibabel's precedence).</summary>
public enum NiftiAffineRule
{
    /// <summary>sform_code &gt; 0: the three srow rows (NIfTI method 3).</summary>
    Sform,

    /// <summary>sform_code = 0 and qform_code &gt; 0: the quaternion, pixdim and qoffset (NIfTI method 2).</summary>
    Qform,

    /// <summary>Both codes 0: diag(pixdim[1], pixdim[2], pixdim[3]) without offset (NIfTI method 1).</summary>
    PixelDimensions,

    /// <summary>An Analyze 7.5 header (a .hdr/.img pair without NIfTI magic): nibabel's affine from pixdim (x negated) and the
    /// SPM origin, or the grid centre when the origin is unset. The header does not record the orientation, so this affine
    /// is a convention, not a measurement (see docs/formats.md).</summary>
    AnalyzeOrigin,
}
