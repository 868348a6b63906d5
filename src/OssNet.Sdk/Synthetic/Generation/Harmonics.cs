// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// A smooth random function on the sphere: a combination of the 15 real spherical harmonics of degree 1–3 (as
/// polynomials of the unit direction, no trigonometry), used to make lesion and organ boundaries irregular but smooth.
/// </summary>
internal sealed class Harmonics
{
    private const int Count = 15;
    private readonly float[] _c = new float[Count];
    private readonly float _limit;

    /// <summary>Draws coefficients with standard deviation <paramref name="degree1"/>, <paramref name="degree2"/>, <paramref name="degree3"/> per degree.</summary>
    /// <param name="random">The generator to draw from.</param>
    /// <param name="degree1">Spread of the degree-1 terms (lopsidedness).</param>
    /// <param name="degree2">Spread of the degree-2 terms (elongation).</param>
    /// <param name="degree3">Spread of the degree-3 terms (lobes).</param>
    /// <param name="limit">The perturbation is clamped to [−limit, limit].</param>
    public Harmonics(DeterministicRandom random, double degree1, double degree2, double degree3, float limit)
    {
        for (var i = 0; i < Count; i++)
        {
            var spread = i < 3 ? degree1 : i < 8 ? degree2 : degree3;
            _c[i] = (float)(spread * random.NextGaussian());
        }

        _limit = limit;
    }

    /// <summary>Gets the largest value the perturbation can take.</summary>
    public float Limit => _limit;

    /// <summary>Returns the relative radius perturbation in direction (x, y, z) (a unit vector).</summary>
    public float Evaluate(float x, float y, float z)
    {
        var c = _c;
        float xx = x * x, yy = y * y, zz = z * z;
        var sum =
            (c[0] * x) + (c[1] * y) + (c[2] * z)
            + (c[3] * x * y) + (c[4] * y * z) + (c[5] * 0.5f * ((3 * zz) - 1)) + (c[6] * x * z) + (c[7] * 0.5f * (xx - yy))
            + (c[8] * 0.5f * y * ((3 * xx) - yy)) + (c[9] * 2 * x * y * z) + (c[10] * 0.5f * y * ((5 * zz) - 1))
            + (c[11] * 0.5f * z * ((5 * zz) - 3)) + (c[12] * 0.5f * x * ((5 * zz) - 1)) + (c[13] * z * (xx - yy))
            + (c[14] * 0.5f * x * (xx - (3 * yy)));
        return Math.Clamp(sum, -_limit, _limit);
    }
}
