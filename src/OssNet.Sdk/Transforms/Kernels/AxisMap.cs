// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>The affine map of one axis from a target index to a (fractional) source index: <c>s = Scale · t + Offset</c>.</summary>
internal readonly record struct AxisMap(double Scale, double Offset)
{
    /// <summary>Gets the identity map.</summary>
    public static AxisMap Identity => new(1, 0);

    /// <summary>
    /// The map of a resize from <paramref name="sourceCount"/> to <paramref name="targetCount"/> voxels with
    /// align_corners=False semantics: voxel edges line up, so <c>s = (t + 0.5)·(in/out) − 0.5</c>.
    /// </summary>
    public static AxisMap Resize(int sourceCount, int targetCount)
    {
        var scale = (double)sourceCount / targetCount;
        return new AxisMap(scale, (0.5 * scale) - 0.5);
    }

    /// <summary>Gets the inverse map (target index from source index).</summary>
    public AxisMap Inverse() => new(1 / Scale, -Offset / Scale);

    /// <summary>Returns the source coordinate of target index <paramref name="t"/>.</summary>
    public double SourceCoordinate(int t) => (Scale * t) + Offset;
}
