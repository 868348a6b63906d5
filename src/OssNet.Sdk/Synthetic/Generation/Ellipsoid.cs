// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>An axis-aligned ellipsoid in mm; <see cref="Radius"/> is 1 on its surface.</summary>
internal readonly record struct Ellipsoid(float CentreX, float CentreY, float CentreZ, float SemiX, float SemiY, float SemiZ)
{
    /// <summary>Gets the smallest semi-axis, used to turn radius differences into approximate mm.</summary>
    public float SmallestSemiAxis => Math.Min(SemiX, Math.Min(SemiY, SemiZ));

    /// <summary>Returns the normalised radius of a point: &lt; 1 inside, 1 on the surface.</summary>
    public float Radius(float x, float y, float z)
    {
        var u = (x - CentreX) / SemiX;
        var v = (y - CentreY) / SemiY;
        var w = (z - CentreZ) / SemiZ;
        return MathF.Sqrt((u * u) + (v * v) + (w * w));
    }

    /// <summary>Returns whether the point lies inside the axis-aligned box around the ellipsoid grown by <paramref name="margin"/> (mm).</summary>
    public bool BoxContains(float x, float y, float z, float margin) =>
        Math.Abs(x - CentreX) <= SemiX + margin && Math.Abs(y - CentreY) <= SemiY + margin && Math.Abs(z - CentreZ) <= SemiZ + margin;

    /// <summary>Partial-volume weight of being inside (radius perturbed by <paramref name="radiusOffset"/>).</summary>
    public float Inside(float x, float y, float z, float edgeWidth, float radiusOffset = 0) =>
        Smooth.Inside((1 + radiusOffset - Radius(x, y, z)) * SmallestSemiAxis, edgeWidth);
}
