// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

// The members are named after the NIfTI type codes (NIFTI_TYPE_UINT8, …), which are type names by design.
#pragma warning disable CA1720

/// <summary>The NIfTI <c>datatype</c> codes (nifti1.h). The readers support the ten real scalar types.</summary>
public enum NiftiDataType : short
{
    /// <summary>0: unknown (rejected).</summary>
    Unknown = 0,

    /// <summary>1: one bit per voxel, Analyze only (rejected).</summary>
    Binary = 1,

    /// <summary>2: unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>4: signed 16-bit integer.</summary>
    Int16 = 4,

    /// <summary>8: signed 32-bit integer.</summary>
    Int32 = 8,

    /// <summary>16: 32-bit IEEE float.</summary>
    Float32 = 16,

    /// <summary>32: complex of two float32 (not supported).</summary>
    Complex64 = 32,

    /// <summary>64: 64-bit IEEE float.</summary>
    Float64 = 64,

    /// <summary>128: three interleaved uint8 (not supported).</summary>
    Rgb24 = 128,

    /// <summary>256: signed 8-bit integer.</summary>
    Int8 = 256,

    /// <summary>512: unsigned 16-bit integer.</summary>
    UInt16 = 512,

    /// <summary>768: unsigned 32-bit integer.</summary>
    UInt32 = 768,

    /// <summary>1024: signed 64-bit integer.</summary>
    Int64 = 1024,

    /// <summary>1280: unsigned 64-bit integer.</summary>
    UInt64 = 1280,

    /// <summary>1536: 128-bit float (not supported).</summary>
    Float128 = 1536,

    /// <summary>1792: complex of two float64 (not supported).</summary>
    Complex128 = 1792,

    /// <summary>2048: complex of two float128 (not supported).</summary>
    Complex256 = 2048,

    /// <summary>2304: four interleaved uint8 (not supported).</summary>
    Rgba32 = 2304,
}

#pragma warning restore CA1720

/// <summary>Mapping of <see cref="NiftiDataType"/> to storage types and sizes.</summary>
internal static class NiftiDataTypes
{
    /// <summary>Returns the storage type of a supported datatype, or null when the code is not supported.</summary>
    public static VoxelType? ToVoxelType(NiftiDataType type) => type switch
    {
        NiftiDataType.UInt8 => VoxelType.UInt8,
        NiftiDataType.Int8 => VoxelType.Int8,
        NiftiDataType.Int16 => VoxelType.Int16,
        NiftiDataType.UInt16 => VoxelType.UInt16,
        NiftiDataType.Int32 => VoxelType.Int32,
        NiftiDataType.UInt32 => VoxelType.UInt32,
        NiftiDataType.Int64 => VoxelType.Int64,
        NiftiDataType.UInt64 => VoxelType.UInt64,
        NiftiDataType.Float32 => VoxelType.Float32,
        NiftiDataType.Float64 => VoxelType.Float64,
        _ => null,
    };

    /// <summary>Returns the bits per voxel nifti1.h assigns to a datatype (0 for unknown codes).</summary>
    public static int BitsPerVoxel(NiftiDataType type) => type switch
    {
        NiftiDataType.Binary => 1,
        NiftiDataType.UInt8 or NiftiDataType.Int8 => 8,
        NiftiDataType.Int16 or NiftiDataType.UInt16 => 16,
        NiftiDataType.Rgb24 => 24,
        NiftiDataType.Int32 or NiftiDataType.UInt32 or NiftiDataType.Float32 or NiftiDataType.Rgba32 => 32,
        NiftiDataType.Int64 or NiftiDataType.UInt64 or NiftiDataType.Float64 or NiftiDataType.Complex64 => 64,
        NiftiDataType.Float128 or NiftiDataType.Complex128 => 128,
        NiftiDataType.Complex256 => 256,
        _ => 0,
    };

    /// <summary>Describes a datatype code for error messages, e.g. "32 (COMPLEX64)".</summary>
    public static string Describe(short code) =>
        Enum.IsDefined((NiftiDataType)code) ? $"{code} ({((NiftiDataType)code).ToString().ToUpperInvariant()})" : $"{code} (not a NIfTI datatype code)";
}
