// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

namespace OssNet.Sdk.Randomness;

/// <summary>Derives independent, reproducible sub-seeds (per case, per slab, per epoch and step) from a user seed.</summary>
/// <remarks>Unlike <see cref="HashCode"/>, the result is the same in every process, so a resumed run draws the same numbers.</remarks>
public static class SeedMixer
{
    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns a well-mixed 64-bit value.</summary>
    public static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Mixes two values into a seed; different pairs give unrelated seeds.</summary>
    public static ulong Mix(ulong a, ulong b)
    {
        var state = a;
        var first = SplitMix(ref state);
        state = first ^ b;
        return SplitMix(ref state);
    }

    /// <summary>Mixes three values into a seed.</summary>
    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b), c);

    /// <summary>Converts a signed user seed into the generator's seed space.</summary>
    public static ulong FromSeed(int seed) => unchecked((ulong)(long)seed);
}
