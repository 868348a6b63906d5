// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>
/// One irregular lesion: an outer region (oedema for brain tumours, the whole lesion in the liver), an off-centre core and
/// optionally a necrotic centre inside the core. Each boundary is a sphere whose radius varies with direction (low-order
/// spherical harmonics) and position (smooth noise), so lesions are lumpy, lopsided and not concentric.
/// </summary>
internal sealed class LesionShape
{
    private readonly Harmonics _outer;
    private readonly Harmonics _core;
    private readonly float _boundSquared;

    /// <summary>Draws the lesion's shape around a centre (mm) with an outer radius (mm).</summary>
    /// <param name="random">The lesion's generator.</param>
    /// <param name="centre">Centre in mm.</param>
    /// <param name="radius">Mean outer radius in mm.</param>
    /// <param name="coreFraction">Core radius as a fraction of the outer radius (≤ 0 for no core).</param>
    /// <param name="necrosisFraction">Necrotic radius as a fraction of the outer radius (≤ 0 for none).</param>
    /// <param name="noiseAmplitude">Relative radius change from the positional noise field.</param>
    public LesionShape(DeterministicRandom random, (float X, float Y, float Z) centre, float radius, float coreFraction, float necrosisFraction, float noiseAmplitude)
    {
        Centre = centre;
        Radius = radius;
        CoreFraction = coreFraction;
        NecrosisFraction = necrosisFraction;
        NoiseAmplitude = noiseAmplitude;
        _outer = new Harmonics(random, 0.07, 0.16, 0.12, 0.45f);
        _core = new Harmonics(random, 0.05, 0.10, 0.07, 0.35f);
        var shift = 0.12f * radius;
        CoreCentre = (
            centre.X + (shift * (float)random.NextGaussian()),
            centre.Y + (shift * (float)random.NextGaussian()),
            centre.Z + (shift * (float)random.NextGaussian()));
        var bound = radius * (1 + _outer.Limit + noiseAmplitude) + (2 * shift);
        _boundSquared = bound * bound;
    }

    /// <summary>Gets the centre in mm.</summary>
    public (float X, float Y, float Z) Centre { get; }

    /// <summary>Gets the centre of the core in mm (a little off the lesion centre).</summary>
    public (float X, float Y, float Z) CoreCentre { get; }

    /// <summary>Gets the mean outer radius in mm.</summary>
    public float Radius { get; }

    /// <summary>Gets the core radius fraction (≤ 0: no core).</summary>
    public float CoreFraction { get; }

    /// <summary>Gets the necrosis radius fraction (≤ 0: no necrosis).</summary>
    public float NecrosisFraction { get; }

    /// <summary>Gets the relative radius change from positional noise.</summary>
    public float NoiseAmplitude { get; }

    /// <summary>Returns whether the point is close enough to the lesion to be affected by it (a cheap bounding-sphere test).</summary>
    public bool IsNear(float x, float y, float z)
    {
        float dx = x - Centre.X, dy = y - Centre.Y, dz = z - Centre.Z;
        return (dx * dx) + (dy * dy) + (dz * dz) <= _boundSquared;
    }

    /// <summary>
    /// Evaluates the lesion at a point (mm) given the boundary-noise value there (in about [−1, 1]). Returns partial-volume
    /// weights (1 inside, 0.5 on the surface) of the outer region, the core and the necrosis, all 0 far away, and the
    /// relative depth inside the outer boundary (1 at the centre, 0 on the surface, negative outside).
    /// </summary>
    public LesionSample Evaluate(float x, float y, float z, float noise, float edgeWidth)
    {
        float dx = x - Centre.X, dy = y - Centre.Y, dz = z - Centre.Z;
        var r2 = (dx * dx) + (dy * dy) + (dz * dz);
        if (r2 > _boundSquared)
        {
            return default;
        }

        var r = MathF.Sqrt(r2);
        var inv = r > 1e-4f ? 1 / r : 0;
        var outerRadius = Radius * (1 + _outer.Evaluate(dx * inv, dy * inv, dz * inv) + (NoiseAmplitude * noise));
        var outer = Smooth.Inside(outerRadius - r, edgeWidth);
        var depth = Math.Max(-1f, 1 - (r / Math.Max(outerRadius, 1e-3f)));
        if (CoreFraction <= 0)
        {
            return new LesionSample(outer, 0, 0, depth);
        }

        float cx = x - CoreCentre.X, cy = y - CoreCentre.Y, cz = z - CoreCentre.Z;
        var rc = MathF.Sqrt((cx * cx) + (cy * cy) + (cz * cz));
        var invc = rc > 1e-4f ? 1 / rc : 0;
        var h = _core.Evaluate(cx * invc, cy * invc, cz * invc);
        var core = Smooth.Inside((CoreFraction * Radius * (1 + h + (0.5f * NoiseAmplitude * noise))) - rc, edgeWidth);
        var necrosis = NecrosisFraction <= 0
            ? 0
            : Smooth.Inside((NecrosisFraction * Radius * (1 + (0.8f * h) - (0.5f * NoiseAmplitude * noise))) - rc, edgeWidth);
        return new LesionSample(outer, core, necrosis, depth);
    }
}

/// <summary>A lesion evaluated at one point: partial-volume weights of its regions and the relative depth inside it.</summary>
internal readonly record struct LesionSample(float Outer, float Core, float Necrosis, float Depth);
