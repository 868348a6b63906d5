// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Sampling;

/// <summary>Wraps freshly drawn coordinates into a <see cref="PointSet"/>, gathering labels when the context has them.</summary>
internal static class SampledPoints
{
    public static PointSet Create(PointSamplingContext context, int[] coordinates)
    {
        if (context.Labels is null)
        {
            return new PointSet(context.Shape, coordinates);
        }

        var labels = new byte[coordinates.Length / 3];
        PointSet.GatherLabels(context.Shape, coordinates, context.Labels.Labels.Span, labels);
        return new PointSet(context.Shape, coordinates, labels);
    }
}
