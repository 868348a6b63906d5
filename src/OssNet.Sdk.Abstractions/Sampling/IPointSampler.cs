// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>Draws training or validation query points (integer voxel coordinates) from a case.</summary>
/// <remarks>
/// Implementations are deterministic for a given generator state: the same seed gives the same points. Without a
/// per-call <see cref="Random"/> they use their own generator, seeded from their options.
/// </remarks>
public interface IPointSampler
{
    /// <summary>Gets the number of points each call returns.</summary>
    int PointCount { get; }

    /// <summary>Samples <see cref="PointCount"/> points on the context's grid.</summary>
    /// <param name="context">The case: grid, labels (gathered into the result when present) and border voxels.</param>
    /// <param name="random">The generator to draw from; null uses the sampler's own seeded generator.</param>
    /// <returns>The points, labelled when <see cref="PointSamplingContext.Labels"/> is set.</returns>
    PointSet Sample(PointSamplingContext context, Random? random = null);
}
