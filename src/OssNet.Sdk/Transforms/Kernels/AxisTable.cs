// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Transforms.Kernels;

/// <summary>
/// Per-axis lookup tables of an axis-aligned resampling: for every target index the source index (nearest) or the two
/// source indices and the weight of the upper one (linear). Separable, so a 3D resampling needs three small tables.
/// </summary>
internal static class AxisTable
{
    /// <summary>
    /// Linear interpolation at source coordinate <c>scale·t + offset</c>, clamped to [0, n−1] (PyTorch's align_corners=False
    /// clamps negative coordinates to 0 and repeats the last sample beyond the end).
    /// </summary>
    public static (int[] Lower, int[] Upper, float[] UpperWeight) Linear(int targetCount, int sourceCount, AxisMap map)
    {
        var lower = new int[targetCount];
        var upper = new int[targetCount];
        var weight = new float[targetCount];
        for (var t = 0; t < targetCount; t++)
        {
            var s = Math.Clamp(map.SourceCoordinate(t), 0.0, sourceCount - 1);
            var lo = Math.Min((int)Math.Floor(s), sourceCount - 1);
            lower[t] = lo;
            upper[t] = Math.Min(lo + 1, sourceCount - 1);
            weight[t] = (float)(s - lo);
        }

        return (lower, upper, weight);
    }

    /// <summary>Centre-aligned nearest neighbour: the source voxel whose centre is closest (PyTorch "nearest-exact").</summary>
    public static int[] NearestCentered(int targetCount, int sourceCount, AxisMap map)
    {
        var index = new int[targetCount];
        for (var t = 0; t < targetCount; t++)
        {
            index[t] = Math.Clamp((int)Math.Floor(map.SourceCoordinate(t) + 0.5), 0, sourceCount - 1);
        }

        return index;
    }

    /// <summary>
    /// PyTorch's legacy <c>mode="nearest"</c> for an output size: <c>min(floor(t · (in/out)), in − 1)</c> computed in
    /// float32 as ATen does. Not centre-aligned (up to half a source voxel off); used only to reproduce the reference.
    /// </summary>
    public static int[] NearestPyTorchLegacy(int targetCount, int sourceCount)
    {
        var scale = (float)sourceCount / targetCount;
        var index = new int[targetCount];
        for (var t = 0; t < targetCount; t++)
        {
            index[t] = Math.Min((int)MathF.Floor(t * scale), sourceCount - 1);
        }

        return index;
    }
}
