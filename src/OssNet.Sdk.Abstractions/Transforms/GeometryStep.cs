// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Transforms;

/// <summary>
/// The record of what one transform did to the voxel grid: the grid before (<see cref="Source"/>), the grid after
/// (<see cref="Target"/>) and the inverse mapping from the target grid back onto the source grid.
/// </summary>
/// <remarks>
/// <para>Inverse mappings never guess: label maps are mapped with a label-preserving rule (crop/pad, exact axis
/// permutation, nearest neighbour) and float volumes (probabilities) with a continuous one (crop/pad with 0, exact axis
/// permutation, trilinear interpolation). Voxels of the source grid that the target grid does not cover (e.g. a region
/// that was cropped away) become 0 (background, probability 0).</para>
/// <para>The results carry the <see cref="Source"/> geometry (shape, spacing and affine), whatever geometry the
/// argument carried: the argument only has to have the target grid's shape.</para>
/// </remarks>
public abstract class GeometryStep
{
    /// <summary>Initializes a new step between two grids.</summary>
    protected GeometryStep(VolumeGeometry source, VolumeGeometry target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        Source = source;
        Target = target;
    }

    /// <summary>Gets the grid before the transform (where inverse mappings land).</summary>
    public VolumeGeometry Source { get; }

    /// <summary>Gets the grid after the transform (where predictions are made).</summary>
    public VolumeGeometry Target { get; }

    /// <summary>Gets a short description, e.g. "pad (8, 8, 3) before, (8, 8, 2) after".</summary>
    public abstract string Description { get; }

    /// <summary>Gets a value indicating whether the step leaves the grid unchanged (the inverse returns its argument).</summary>
    public virtual bool IsIdentity => false;

    /// <summary>Returns the step of a transform that does not move voxels (intensity transforms).</summary>
    /// <param name="geometry">The unchanged grid.</param>
    public static GeometryStep Identity(VolumeGeometry geometry) => new IdentityGeometryStep(geometry);

    /// <summary>Maps a label map on the <see cref="Target"/> grid onto the <see cref="Source"/> grid.</summary>
    /// <param name="labels">Labels with the target grid's shape; not modified.</param>
    /// <returns>A label map on the source grid (a new buffer unless <see cref="IsIdentity"/>).</returns>
    /// <exception cref="ArgumentException">The labels do not have the target grid's shape.</exception>
    public LabelVolume InvertLabels(LabelVolume labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RequireTargetShape(labels.Shape, nameof(labels));
        return InvertLabelsCore(labels);
    }

    /// <summary>Maps a float volume (any number of channels) on the <see cref="Target"/> grid onto the <see cref="Source"/> grid.</summary>
    /// <param name="probabilities">Values with the target grid's shape; not modified.</param>
    /// <returns>A volume with the same channel count on the source grid (a new buffer unless <see cref="IsIdentity"/>).</returns>
    /// <exception cref="ArgumentException">The volume does not have the target grid's shape.</exception>
    public Volume InvertProbabilities(Volume probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        RequireTargetShape(probabilities.Shape, nameof(probabilities));
        return InvertProbabilitiesCore(probabilities);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Description}: {Source.Shape} → {Target.Shape}";

    /// <summary>Maps labels of the target shape (already checked) onto the source grid.</summary>
    protected abstract LabelVolume InvertLabelsCore(LabelVolume labels);

    /// <summary>Maps a float volume of the target shape (already checked) onto the source grid.</summary>
    protected abstract Volume InvertProbabilitiesCore(Volume probabilities);

    private void RequireTargetShape(VolumeShape shape, string parameterName)
    {
        if (shape != Target.Shape)
        {
            throw new ArgumentException(
                $"The volume to map back is {shape}, but the grid it must come from ({Description}) is {Target.Shape}.", parameterName);
        }
    }
}
