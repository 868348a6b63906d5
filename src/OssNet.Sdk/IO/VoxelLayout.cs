// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.IO;

/// <summary>How voxel data is stored in a file: shape, channels, element type, byte order and scaling.</summary>
/// <param name="Shape">The spatial shape.</param>
/// <param name="Channels">The number of channels (NIfTI dims 4..7, MetaImage components or 4th dimension).</param>
/// <param name="InterleavedChannels">True when the channels of one voxel are adjacent (MetaImage ElementNumberOfChannels); false when each channel is a whole volume (NIfTI 4-D).</param>
/// <param name="Type">The stored element type.</param>
/// <param name="SwapBytes">True when the file's byte order differs from this machine's.</param>
/// <param name="Scaling">The intensity mapping applied on read.</param>
internal sealed record VoxelLayout(VolumeShape Shape, int Channels, bool InterleavedChannels, VoxelType Type, bool SwapBytes, VoxelScaling Scaling)
{
    /// <summary>Gets the number of stored elements (voxels × channels).</summary>
    public long ElementCount => Shape.VoxelCount * Channels;

    /// <summary>Gets the number of bytes the voxel data occupies.</summary>
    public long ByteCount => ElementCount * Type.SizeOf();
}
