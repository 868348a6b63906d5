// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>A multi-channel float32 image volume with its geometry.</summary>
/// <remarks>
/// <para><b>Memory layout (the one layout of the SDK):</b> channel-major, then i (X), j (Y), k (Z), with <b>k (Z)
/// fastest</b>: the value of channel c at voxel (x, y, z) is at <c>((c·X + x)·Y + y)·Z + z</c>. This is C order of a
/// <c>[C, X, Y, Z]</c> array, exactly the tensor layout the reference PyTorch code feeds its networks
/// (coordinates (x, y, z) index tensor dims 2, 3, 4), so a volume becomes a tensor without a copy. NIfTI and
/// MetaImage store i fastest; the readers and writers transpose at the file boundary.</para>
/// </remarks>
public sealed class Volume
{
    /// <summary>Initializes a new volume over <paramref name="voxels"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The buffer length is not channels × voxel count.</exception>
    public Volume(VolumeGeometry geometry, int channels, Memory<float> voxels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        var expected = checked(channels * geometry.Shape.VoxelCount);
        if (voxels.Length != expected)
        {
            throw new ArgumentException(
                $"A {channels}-channel {geometry.Shape} volume needs {expected} values; the buffer has {voxels.Length}.", nameof(voxels));
        }

        Geometry = geometry;
        Channels = channels;
        Voxels = voxels;
    }

    /// <summary>Gets the geometry shared by all channels.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>Gets the spatial shape.</summary>
    public VolumeShape Shape => Geometry.Shape;

    /// <summary>Gets the number of channels (e.g. 4 MRI modalities for BraTS).</summary>
    public int Channels { get; }

    /// <summary>Gets the voxel values in the SDK layout (see remarks on <see cref="Volume"/>).</summary>
    public Memory<float> Voxels { get; }

    /// <summary>Allocates a zero-filled volume.</summary>
    public static Volume Zeros(VolumeGeometry geometry, int channels = 1)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return new Volume(geometry, channels, new float[checked(channels * geometry.Shape.VoxelCount)]);
    }

    /// <summary>Gets the voxels of one channel.</summary>
    public Memory<float> Channel(int channel)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, Channels);
        var n = (int)Shape.VoxelCount;
        return Voxels.Slice(channel * n, n);
    }

    /// <summary>Gets or sets the value of channel <paramref name="channel"/> at voxel (x, y, z).</summary>
    public float this[int channel, int x, int y, int z]
    {
        get => Voxels.Span[(int)((channel * Shape.VoxelCount) + Shape.IndexOf(x, y, z))];
        set => Voxels.Span[(int)((channel * Shape.VoxelCount) + Shape.IndexOf(x, y, z))] = value;
    }
}
