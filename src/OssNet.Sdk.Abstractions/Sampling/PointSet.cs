// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>Integer voxel coordinates on a grid, with optional binary labels gathered at those voxels.</summary>
/// <remarks>
/// <para><b>Layout:</b> <see cref="Coordinates"/> is C order of an <c>[N, 3]</c> int32 array: point i is
/// (x, y, z) = (c[3i], c[3i + 1], c[3i + 2]). This is the layout of the reference's coordinate tensors, so a
/// point set becomes a <c>[N, 3]</c> tensor with one copy and no transpose (or none: the backing array is the
/// one passed to the constructor, reachable with <c>MemoryMarshal.TryGetArray</c>).</para>
/// <para><see cref="Labels"/> holds one byte per point (0 background, 1 foreground) or is empty.</para>
/// </remarks>
public sealed class PointSet
{
    /// <summary>Initializes a new point set over <paramref name="coordinates"/> and <paramref name="labels"/> (not copied).</summary>
    /// <param name="grid">The grid the coordinates index.</param>
    /// <param name="coordinates">Interleaved (x, y, z) triples, length 3·N.</param>
    /// <param name="labels">One label per point, or empty for an unlabelled set.</param>
    /// <exception cref="ArgumentException">
    /// The coordinate buffer is not a multiple of 3, the labels do not match the point count, or a coordinate lies
    /// outside <paramref name="grid"/>.
    /// </exception>
    public PointSet(VolumeShape grid, Memory<int> coordinates, Memory<byte> labels = default)
    {
        grid.Validate();
        if (coordinates.Length % 3 != 0)
        {
            throw new ArgumentException($"Coordinates are (x, y, z) triples; a buffer of {coordinates.Length} values is not.", nameof(coordinates));
        }

        var count = coordinates.Length / 3;
        if (!labels.IsEmpty && labels.Length != count)
        {
            throw new ArgumentException($"A set of {count} points needs {count} labels; got {labels.Length}.", nameof(labels));
        }

        var c = coordinates.Span;
        for (var i = 0; i < c.Length; i += 3)
        {
            if ((uint)c[i] >= (uint)grid.X || (uint)c[i + 1] >= (uint)grid.Y || (uint)c[i + 2] >= (uint)grid.Z)
            {
                throw new ArgumentException(
                    $"Point {i / 3} = ({c[i]}, {c[i + 1]}, {c[i + 2]}) lies outside the {grid} grid.", nameof(coordinates));
            }
        }

        Grid = grid;
        Coordinates = coordinates;
        Labels = labels;
    }

    /// <summary>Gets the grid the coordinates index.</summary>
    public VolumeShape Grid { get; }

    /// <summary>Gets the number of points.</summary>
    public int Count => Coordinates.Length / 3;

    /// <summary>Gets the coordinates: C order of <c>[N, 3]</c>, (x, y, z) per point.</summary>
    public Memory<int> Coordinates { get; }

    /// <summary>Gets one label per point (0/1), or an empty buffer when <see cref="HasLabels"/> is false.</summary>
    public Memory<byte> Labels { get; }

    /// <summary>Gets a value indicating whether the set carries labels.</summary>
    public bool HasLabels => !Labels.IsEmpty;

    /// <summary>Gets point <paramref name="index"/> as (x, y, z).</summary>
    public (int X, int Y, int Z) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var c = Coordinates.Span;
            return (c[3 * index], c[(3 * index) + 1], c[(3 * index) + 2]);
        }
    }

    /// <summary>Gets the linear voxel index (z fastest, see <see cref="VolumeShape.IndexOf"/>) of point <paramref name="index"/>.</summary>
    public long LinearIndexOf(int index)
    {
        var (x, y, z) = this[index];
        return Grid.IndexOf(x, y, z);
    }

    /// <summary>Returns a copy of this set whose labels are gathered from <paramref name="labels"/> (label &gt; 0 → 1).</summary>
    /// <exception cref="ArgumentException">The label volume's shape is not <see cref="Grid"/>.</exception>
    public PointSet WithLabelsFrom(LabelVolume labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Shape != Grid)
        {
            throw new ArgumentException($"The points index a {Grid} grid; the label volume is {labels.Shape}.", nameof(labels));
        }

        var gathered = new byte[Count];
        GatherLabels(Grid, Coordinates.Span, labels.Labels.Span, gathered);
        return new PointSet(Grid, Coordinates, gathered);
    }

    /// <summary>Writes, for each point, 1 where <paramref name="labels"/> is greater than zero and 0 elsewhere.</summary>
    /// <param name="grid">The grid of both the coordinates and the labels.</param>
    /// <param name="coordinates">Interleaved (x, y, z) triples.</param>
    /// <param name="labels">The label volume's voxels in the SDK layout.</param>
    /// <param name="destination">One byte per point.</param>
    public static void GatherLabels(VolumeShape grid, ReadOnlySpan<int> coordinates, ReadOnlySpan<byte> labels, Span<byte> destination)
    {
        if (destination.Length * 3 != coordinates.Length)
        {
            throw new ArgumentException($"{coordinates.Length / 3} points need {coordinates.Length / 3} destination labels; got {destination.Length}.", nameof(destination));
        }

        if (labels.Length != grid.VoxelCount)
        {
            throw new ArgumentException($"A {grid} label volume has {grid.VoxelCount} voxels; got {labels.Length}.", nameof(labels));
        }

        for (var i = 0; i < destination.Length; i++)
        {
            var index = grid.IndexOf(coordinates[3 * i], coordinates[(3 * i) + 1], coordinates[(3 * i) + 2]);
            destination[i] = labels[(int)index] > 0 ? (byte)1 : (byte)0;
        }
    }
}
