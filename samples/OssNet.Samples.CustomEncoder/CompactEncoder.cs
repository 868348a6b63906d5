// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Samples.CustomEncoder;

/// <summary>
/// A small encoder: two convolution stages (each halving the resolution), a global average, and one linear map to the K
/// latent vectors the decoder needs; with <see cref="EncoderBuildContext.UseLowResolutionHead"/>, a 1×1×1 convolution on
/// the last feature map gives the coarse segmentation logits that OSS-Net C/D use for their auxiliary loss and the encoder prior.
/// </summary>
public sealed class CompactEncoder : EncoderModule
{
    // Submodules are fields (TorchSharp registers fields, not properties); a null field is simply not registered.
    private readonly Sequential _features;
    private readonly Linear _latents;
    private readonly Conv3d? _head;

    public CompactEncoder(EncoderBuildContext context, long width = 16)
        : base(nameof(CompactEncoder))
    {
        ArgumentNullException.ThrowIfNull(context);
        InputChannels = context.InputChannels;
        LatentFeatures = context.LatentFeatures;
        LatentCount = context.LatentCount;
        _features = nn.Sequential(
            nn.Conv3d(InputChannels, width / 2, 3, padding: 1),
            nn.BatchNorm3d(width / 2),
            nn.ReLU(),
            nn.AvgPool3d(2),
            nn.Conv3d(width / 2, width, 3, padding: 1),
            nn.BatchNorm3d(width),
            nn.ReLU(),
            nn.AvgPool3d(2));
        _latents = nn.Linear(width, LatentCount * LatentFeatures);
        _head = context.UseLowResolutionHead ? nn.Conv3d(width, 1, 1) : null;
        RegisterComponents(); // always last
    }

    public override long InputChannels { get; }

    public override long LatentFeatures { get; }

    public override int LatentCount { get; }

    public override bool HasLowResolutionHead => _head is not null;

    /// <param name="input">[B, C, X, Y, Z] down-sampled volumes.</param>
    /// <returns>Latents [B, K, L] and, with the head, logits [B, 1, X/4, Y/4, Z/4]; the caller owns them.</returns>
    public override EncoderOutput forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();     // every temporary dies here …
        var features = _features.call(input);
        var latents = _latents.call(features.mean([2, 3, 4])).reshape(input.shape[0], LatentCount, LatentFeatures);
        var logits = _head?.call(features);
        return new EncoderOutput(latents.MoveToOuterDisposeScope(), logits?.MoveToOuterDisposeScope()); // … the results move out
    }
}
