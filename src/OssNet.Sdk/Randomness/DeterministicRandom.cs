// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Randomness;

/// <summary>
/// A small, fast, seedable generator (xoshiro256**, seeded through SplitMix64) whose output is fixed by its seed on every
/// .NET version and platform, unlike <see cref="Random"/>'s unspecified algorithm. Not thread-safe: give every thread
/// or slab its own instance seeded with <see cref="SeedMixer.Mix(ulong, ulong)"/>.
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>Initializes a generator from a 64-bit seed.</summary>
    public DeterministicRandom(ulong seed)
    {
        var x = seed;
        _s0 = SeedMixer.SplitMix(ref x);
        _s1 = SeedMixer.SplitMix(ref x);
        _s2 = SeedMixer.SplitMix(ref x);
        _s3 = SeedMixer.SplitMix(ref x);
    }

    /// <summary>Returns 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Returns a double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Returns a double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Returns an integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive)
    {
        var range = (ulong)((long)maxExclusive - minInclusive);
        return range == 0 ? minInclusive : (int)(minInclusive + (long)((NextUInt64() >> 1) % range));
    }

    /// <summary>Returns a standard normal sample (Box–Muller; the second value of each pair is discarded).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble(); // (0, 1]: log stays finite
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Returns two independent standard normal samples in float precision (Box–Muller on one 64-bit draw).</summary>
    public (float First, float Second) NextGaussianPair()
    {
        const float Scale = 1f / (1 << 24);
        var bits = NextUInt64();
        var u1 = ((uint)(bits >> 40) + 1) * Scale; // (0, 1]: log stays finite
        var u2 = (uint)((bits >> 8) & 0xFFFFFF) * Scale;
        var r = MathF.Sqrt(-2f * MathF.Log(u1));
        var (sin, cos) = MathF.SinCos(2f * MathF.PI * u2);
        return (r * cos, r * sin);
    }

    /// <summary>Adds N(0, <paramref name="standardDeviation"/>²) to every value (Box–Muller in pairs, float precision).</summary>
    public void AddGaussian(Span<float> values, float standardDeviation)
    {
        var i = 0;
        for (; i + 1 < values.Length; i += 2)
        {
            var (first, second) = NextGaussianPair();
            values[i] += standardDeviation * first;
            values[i + 1] += standardDeviation * second;
        }

        if (i < values.Length)
        {
            values[i] += standardDeviation * (float)NextGaussian();
        }
    }
}
