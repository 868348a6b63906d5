// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>The volume file formats the SDK reads and writes.</summary>
public enum VolumeFileFormat
{
    /// <summary>NIfTI-1/2: .nii, .nii.gz, .hdr/.img pairs (read), .nii/.nii.gz (write).</summary>
    Nifti,

    /// <summary>MetaImage (ITK): .mha and .mhd.</summary>
    MetaImage,
}
