// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.IO;

/// <summary>The storage types the readers convert from (shared by NIfTI and MetaImage).</summary>
internal enum VoxelType
{
    UInt8,
    Int8,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Float32,
    Float64,
}

/// <summary>Sizes and traits of <see cref="VoxelType"/>.</summary>
internal static class VoxelTypeInfo
{
    public static int SizeOf(this VoxelType type) => type switch
    {
        VoxelType.UInt8 or VoxelType.Int8 => 1,
        VoxelType.Int16 or VoxelType.UInt16 => 2,
        VoxelType.Int32 or VoxelType.UInt32 or VoxelType.Float32 => 4,
        VoxelType.Int64 or VoxelType.UInt64 or VoxelType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown voxel type."),
    };

    public static bool IsFloatingPoint(this VoxelType type) => type is VoxelType.Float32 or VoxelType.Float64;
}
