// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Randomness;

namespace OssNet.Sdk.Synthetic.Generation;

/// <summary>Seeds of the independent random streams of one phantom case, all derived from (options seed, case index).</summary>
internal readonly struct PhantomSeeds(int seed, int index)
{
    private readonly ulong _case = SeedMixer.Mix(SeedMixer.FromSeed(seed), (ulong)index, 0x5EED_0F_CA5EUL);

    /// <summary>Returns the seed of the stream for <paramref name="purpose"/> (anatomy draws, a noise field, a slab's voxel noise, …).</summary>
    public ulong For(ulong purpose, ulong part = 0) => SeedMixer.Mix(_case, purpose, part);
}
