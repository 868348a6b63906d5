// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp;

/// <summary>Predicts the occupancy of query points from their coordinates, optional local patches and the encoder's latents.</summary>
public interface IOccupancyDecoder
{
    /// <summary>Gets the latent size L the decoder is conditioned on.</summary>
    long LatentFeatures { get; }

    /// <summary>Gets the number of residual blocks; per-block conditioning needs <c>BlockCount + 1</c> latents.</summary>
    int BlockCount { get; }

    /// <summary>Gets the number of patch channels per point (0 when the decoder uses no patches).</summary>
    long PatchChannels { get; }

    /// <summary>Gets a value indicating whether the decoder accepts <paramref name="latentCount"/> latents per volume.</summary>
    /// <param name="latentCount">K of latents [B, K, L].</param>
    bool SupportsLatentCount(long latentCount);

    /// <summary>Predicts occupancy logits.</summary>
    /// <param name="coordinates">[B, N, 3] float: raw voxel indices of the full-resolution grid (not normalised).</param>
    /// <param name="patches">[B, N, PatchChannels, 7, 7, 7], or null when <see cref="PatchChannels"/> is 0.</param>
    /// <param name="encoded">The encoder's output for the same B volumes.</param>
    /// <returns>Logits [B, N, 1] (sigmoid gives occupancy probabilities), or [B, N, classes] for a multi-class decoder
    /// (softmax gives class probabilities); the caller owns the tensor.</returns>
    Tensor Decode(Tensor coordinates, Tensor? patches, EncoderOutput encoded);
}
