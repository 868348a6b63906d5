// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp;

/// <summary>Creates the encoder of a model from what the rest of the model expects.</summary>
/// <param name="context">What the encoder must accept and produce.</param>
/// <returns>A new encoder; the model takes ownership and disposes it.</returns>
public delegate EncoderModule EncoderFactory(EncoderBuildContext context);

/// <summary>What a custom encoder must accept and produce to fit a model.</summary>
/// <param name="InputChannels">Channels of the input volumes.</param>
/// <param name="LatentFeatures">Required latent size L.</param>
/// <param name="LatentCount">Required latents per volume K: 1, or the decoder's block count + 1 (both are accepted by the
/// built-in decoder; this is what the options ask for).</param>
/// <param name="EncoderInputShape">Spatial size of the (down-sampled) volumes the encoder receives.</param>
/// <param name="UseLowResolutionHead">Whether the options ask for low-resolution logits (needed by optimised inference and the auxiliary loss).</param>
/// <param name="Seed">The options' seed for initialisation, or null.</param>
public sealed record EncoderBuildContext(
    long InputChannels,
    long LatentFeatures,
    int LatentCount,
    VolumeShape EncoderInputShape,
    bool UseLowResolutionHead,
    int? Seed)
{
    /// <summary>Gets the channels the low-resolution head must output: 1 for a binary model, the class count N ≥ 3 otherwise.</summary>
    /// <value>The default value is 1.</value>
    public long LowResolutionChannels { get; init; } = 1;
}

/// <summary>Creates the occupancy decoder of a model.</summary>
/// <param name="context">What the decoder must accept.</param>
/// <returns>A new decoder; the model takes ownership and disposes it.</returns>
public delegate OccupancyDecoderModule OccupancyDecoderFactory(OccupancyDecoderBuildContext context);

/// <summary>What a custom occupancy decoder must accept to fit a model.</summary>
/// <param name="LatentFeatures">Latent size L the encoder produces.</param>
/// <param name="LatentCount">Latents per volume K the encoder produces.</param>
/// <param name="PatchChannels">Patch channels per point the model will pass (0: no patches).</param>
/// <param name="Seed">The options' seed for initialisation, or null.</param>
public sealed record OccupancyDecoderBuildContext(long LatentFeatures, int LatentCount, long PatchChannels, int? Seed)
{
    /// <summary>Gets the logits per point the decoder must output: 1 for a binary model, the class count N ≥ 3 otherwise.</summary>
    /// <value>The default value is 1.</value>
    public long OutputChannels { get; init; } = 1;
}
