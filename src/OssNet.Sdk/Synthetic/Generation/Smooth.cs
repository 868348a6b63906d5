// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>Small shaping functions of the phantom generators.</summary>
internal static class Smooth
{
    /// <summary>Partial-volume weight of being inside: 1 deep inside, 0.5 on the surface, 0 outside, over one edge width.</summary>
    /// <param name="insideDistance">Approximate signed distance to the surface in mm, positive inside.</param>
    /// <param name="edgeWidth">Width of the transition in mm.</param>
    public static float Inside(float insideDistance, float edgeWidth) => Math.Clamp((insideDistance / edgeWidth) + 0.5f, 0f, 1f);

    /// <summary>Hermite smoothstep from 0 at <paramref name="edge0"/> to 1 at <paramref name="edge1"/>.</summary>
    public static float Step(float edge0, float edge1, float x)
    {
        var t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - (2 * t));
    }

    /// <summary>Linear interpolation.</summary>
    public static float Lerp(float a, float b, float t) => a + (t * (b - a));

    /// <summary>Polynomial smooth minimum of two implicit values (blends lobes into one organ without a crease).</summary>
    public static float Min(float a, float b, float k)
    {
        var h = Math.Clamp(0.5f + (0.5f * (b - a) / k), 0f, 1f);
        return Lerp(b, a, h) - (k * h * (1 - h));
    }
}
