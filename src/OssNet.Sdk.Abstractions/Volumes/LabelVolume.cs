// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Volumes;

/// <summary>A label map (0 = background, 1..255 = classes) with its geometry; binary masks use 0 and 1.</summary>
/// <remarks>Same memory layout as <see cref="Volume"/> (one channel, z fastest).</remarks>
public sealed class LabelVolume
{
    /// <summary>Initializes a new label volume over <paramref name="labels"/> (not copied).</summary>
    /// <exception cref="ArgumentException">The buffer length is not the voxel count.</exception>
    public LabelVolume(VolumeGeometry geometry, Memory<byte> labels)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        if (labels.Length != geometry.Shape.VoxelCount)
        {
            throw new ArgumentException(
                $"A {geometry.Shape} label volume needs {geometry.Shape.VoxelCount} values; the buffer has {labels.Length}.", nameof(labels));
        }

        Geometry = geometry;
        Labels = labels;
    }

    /// <summary>Gets the geometry.</summary>
    public VolumeGeometry Geometry { get; }

    /// <summary>Gets the spatial shape.</summary>
    public VolumeShape Shape => Geometry.Shape;

    /// <summary>Gets the labels in the SDK layout (z fastest).</summary>
    public Memory<byte> Labels { get; }

    /// <summary>Allocates an all-background label volume.</summary>
    public static LabelVolume Zeros(VolumeGeometry geometry)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        return new LabelVolume(geometry, new byte[geometry.Shape.VoxelCount]);
    }

    /// <summary>Gets or sets the label at voxel (x, y, z).</summary>
    public byte this[int x, int y, int z]
    {
        get => Labels.Span[(int)Shape.IndexOf(x, y, z)];
        set => Labels.Span[(int)Shape.IndexOf(x, y, z)] = value;
    }

    /// <summary>Returns a binary (0/1) mask that is 1 where the label is greater than zero ("whole tumour", "whole liver").</summary>
    public LabelVolume ToBinary()
    {
        var source = Labels.Span;
        var mask = new byte[source.Length];
        for (var i = 0; i < source.Length; i++)
        {
            mask[i] = source[i] > 0 ? (byte)1 : (byte)0;
        }

        return new LabelVolume(Geometry, mask);
    }

    /// <summary>Counts the voxels whose label is greater than zero.</summary>
    public long CountForeground()
    {
        long count = 0;
        foreach (var v in Labels.Span)
        {
            if (v > 0)
            {
                count++;
            }
        }

        return count;
    }
}
