// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Sampling;

/// <summary>
/// What a point sampler needs to know about one case: the grid, the labels to gather, and the linear indices of
/// the border-band voxels. Build it once per case and sample from it every iteration.
/// </summary>
public sealed class PointSamplingContext
{
    /// <summary>Initializes a new context from its parts (nothing is copied).</summary>
    /// <param name="shape">The grid to sample on.</param>
    /// <param name="labels">Labels to gather at the sampled points (label &gt; 0 → 1), or null for unlabelled points.</param>
    /// <param name="borderVoxelIndices">
    /// Linear indices (z fastest, see <see cref="VolumeShape.IndexOf"/>) of the voxels of the border band, each once;
    /// empty when there is no border map.
    /// </param>
    /// <exception cref="ArgumentException">The labels' shape is not <paramref name="shape"/>, or the grid has more than <see cref="int.MaxValue"/> voxels.</exception>
    public PointSamplingContext(VolumeShape shape, LabelVolume? labels = null, ReadOnlyMemory<int> borderVoxelIndices = default)
    {
        shape.Validate();
        if (shape.VoxelCount > int.MaxValue)
        {
            throw new ArgumentException($"A {shape} grid has more voxels than a linear int32 index can address.", nameof(shape));
        }

        if (labels is not null && labels.Shape != shape)
        {
            throw new ArgumentException($"The sampling grid is {shape}; the label volume is {labels.Shape}.", nameof(labels));
        }

        Shape = shape;
        Labels = labels;
        BorderVoxelIndices = borderVoxelIndices;
    }

    /// <summary>Initializes a new context for a labelled case and, optionally, its border map (any value &gt; 0 is border).</summary>
    /// <param name="labels">The case's labels; sampled points get label 1 where it is greater than zero.</param>
    /// <param name="borderMap">The border band (see <c>BorderMap.Compute</c>), or null.</param>
    /// <exception cref="ArgumentException">The border map's shape differs from the labels'.</exception>
    public PointSamplingContext(LabelVolume labels, LabelVolume? borderMap)
        : this(labels?.Shape ?? throw new ArgumentNullException(nameof(labels)), labels, IndicesOfNonZero(labels.Shape, borderMap))
    {
    }

    /// <summary>Gets the grid to sample on.</summary>
    public VolumeShape Shape { get; }

    /// <summary>Gets the labels gathered at sampled points, or null.</summary>
    public LabelVolume? Labels { get; }

    /// <summary>Gets the linear indices of the border-band voxels (ascending when built from a border map).</summary>
    public ReadOnlyMemory<int> BorderVoxelIndices { get; }

    /// <summary>Returns the ascending linear indices of the voxels of <paramref name="volume"/> that are greater than zero.</summary>
    public static int[] IndicesOfNonZero(LabelVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var values = volume.Labels.Span;
        var count = values.Length - values.Count((byte)0);
        var indices = new int[count];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != 0)
            {
                indices[next++] = i;
            }
        }

        return indices;
    }

    private static int[] IndicesOfNonZero(VolumeShape shape, LabelVolume? borderMap)
    {
        if (borderMap is null)
        {
            return [];
        }

        if (borderMap.Shape != shape)
        {
            throw new ArgumentException($"The labels are {shape}; the border map is {borderMap.Shape}.", nameof(borderMap));
        }

        return IndicesOfNonZero(borderMap);
    }
}
