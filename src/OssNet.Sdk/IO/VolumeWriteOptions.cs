// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.IO.Compression;

namespace OssNet.Sdk.IO;

/// <summary>Choices made when writing volume files.</summary>
public sealed record VolumeWriteOptions
{
    /// <summary>Gets the shared default options.</summary>
    public static VolumeWriteOptions Default { get; } = new();

    /// <summary>Gets the compression level of .nii.gz and compressed MetaImage files. Default <see cref="CompressionLevel.Fastest"/> (nibabel also uses level 1).</summary>
    public CompressionLevel CompressionLevel { get; init; } = CompressionLevel.Fastest;

    /// <summary>Gets the NIfTI qform_code written with the affine. Default 1 (scanner anatomical).</summary>
    public short QformCode { get; init; } = 1;

    /// <summary>Gets the NIfTI sform_code written with the affine. Default 1 (scanner anatomical).</summary>
    public short SformCode { get; init; } = 1;

    /// <summary>Gets the storage type of label maps: <see cref="NiftiDataType.UInt8"/> (default) or <see cref="NiftiDataType.Int16"/>. MetaImage uses MET_UCHAR or MET_SHORT.</summary>
    public NiftiDataType LabelDataType { get; init; } = NiftiDataType.UInt8;

    /// <summary>Gets a value indicating whether MetaImage voxel data is zlib-compressed (CompressedData = True). Default false.</summary>
    public bool CompressMetaImage { get; init; }
}
