// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp;

/// <summary>Encodes a batch of (down-sampled) volumes into the latent vectors that condition an occupancy decoder.</summary>
/// <remarks>
/// Implement it by deriving from <see cref="EncoderModule"/>, which also makes the encoder a TorchSharp module
/// (parameters, <c>train()</c>/<c>eval()</c>, device moves, state dict). See docs/models/custom-encoders.md.
/// </remarks>
public interface IEncoder
{
    /// <summary>Gets the number of channels the input volumes must have.</summary>
    long InputChannels { get; }

    /// <summary>Gets the size L of each latent vector.</summary>
    long LatentFeatures { get; }

    /// <summary>Gets the number K of latent vectors per volume: 1 (shared by every decoder block) or one more than the
    /// decoder has blocks (latent 0 joins the decoder input, latent k conditions block k).</summary>
    int LatentCount { get; }

    /// <summary>Gets a value indicating whether <see cref="EncoderOutput.LowResolutionLogits"/> is produced.</summary>
    bool HasLowResolutionHead { get; }

    /// <summary>Encodes volumes.</summary>
    /// <param name="volumes">[B, InputChannels, X, Y, Z], float, on the encoder's device.</param>
    /// <returns>Latents [B, K, L] and, with a low-resolution head, its logits; the caller owns (and disposes) the result.</returns>
    EncoderOutput Encode(Tensor volumes);
}
