// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp;

/// <summary>What an encoder produces: latent vectors and, optionally, a coarse segmentation as logits.</summary>
/// <remarks>
/// Owns its tensors: disposing it disposes them. The reference applies a sigmoid inside the auxiliary head; the SDK's
/// modules return <b>logits</b> instead (apply <c>torch.sigmoid</c> for probabilities, and train with a
/// BCE-with-logits loss, which is the numerically stable form of the same loss).
/// </remarks>
public sealed class EncoderOutput : IDisposable
{
    /// <summary>Initializes the output and takes ownership of the tensors.</summary>
    /// <param name="latents">[B, K, L].</param>
    /// <param name="lowResolutionLogits">[B, 1, a, b, c] (binary), [B, N, a, b, c] (N ≥ 3 classes) or null.</param>
    public EncoderOutput(Tensor latents, Tensor? lowResolutionLogits = null)
    {
        ArgumentNullException.ThrowIfNull(latents);
        Latents = latents;
        LowResolutionLogits = lowResolutionLogits;
    }

    /// <summary>Gets the latent vectors, shape [B, K, L].</summary>
    public Tensor Latents { get; }

    /// <summary>Gets the logits of the auxiliary low-resolution segmentation, shape [B, 1, a, b, c] (binary) or [B, N, a, b, c]
    /// (N ≥ 3 classes), or null.</summary>
    public Tensor? LowResolutionLogits { get; }

    /// <summary>Gets the batch size B.</summary>
    public long BatchSize => Latents.shape[0];

    /// <summary>Gets the number of latent vectors per volume K.</summary>
    public long LatentCount => Latents.shape[1];

    /// <summary>Gets the latent size L.</summary>
    public long LatentFeatures => Latents.shape[2];

    /// <summary>Disposes the tensors.</summary>
    public void Dispose()
    {
        Latents.Dispose();
        LowResolutionLogits?.Dispose();
    }
}
