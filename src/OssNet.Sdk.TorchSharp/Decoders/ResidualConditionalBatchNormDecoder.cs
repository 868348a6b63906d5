// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Decoders;

/// <summary>
/// The OSS-Net occupancy decoder: per point, the input <c>[coordinates (3, or 35 with Fourier features), patch features
/// (343, if patches are used), latent₀ (L)]</c> passes through residual CBN blocks (widths 512 in every paper model) and a
/// final <c>Linear(→ 1, no bias)</c> (binary), or <c>Linear(→ N, no bias)</c> for N ≥ 3 classes.
/// </summary>
/// <remarks>
/// <para>Reference code <c>oss_net/decoder.py: ResidualCBNDecoder</c>; keys <c>b</c> (Fourier matrix buffer [1, 3, 16],
/// only with Fourier features), <c>blocks.{k}.…</c>, <c>patch_mapping.mapping.{0,1,3,4}</c>, <c>final_mapping.0.weight</c>.
/// With one latent per volume every block is conditioned on it; with <c>BlockCount + 1</c> latents (skip encoder),
/// latent 0 joins the input and latent k + 1 conditions block k.</para>
/// <para><b>Deviation:</b> the reference ends in a sigmoid; this decoder returns <b>logits</b> [B, N, 1]. Apply
/// <c>torch.sigmoid</c> for probabilities and train with BCE with logits (numerically equivalent to the reference's BCE on
/// probabilities, and stable). With N ≥ 3 output channels the logits are [B, N, N_classes]: a softmax over the last axis gives
/// the class probabilities (the official decoder likewise switches from sigmoid to softmax when it has more than one output
/// feature). Splitting large point sets into chunks is the caller's (inferer's) job.</para>
/// </remarks>
public sealed class ResidualConditionalBatchNormDecoder : OccupancyDecoderModule
{
    /// <summary>The decoder widths of every paper model: five blocks of 512.</summary>
    public static readonly IReadOnlyList<long> ReferenceWidths = [512, 512, 512, 512, 512];

    private readonly Tensor? b;
    private readonly ModuleList<ResidualConditionalBatchNormBlock> blocks;
    private readonly PatchMapping? patch_mapping;
    private readonly Sequential final_mapping;

    /// <summary>Initializes the decoder.</summary>
    /// <param name="latentFeatures">Latent size L (BraTS 320, LiTS 512).</param>
    /// <param name="widths">Output width of each residual block (the reference: five of 512).</param>
    /// <param name="patchChannels">Patch channels per point (small C, or 2C with large patches); 0 for no patches.</param>
    /// <param name="fourierMatrix">The Fourier matrix B [1, 3, F] to encode coordinates with, or null for raw
    /// coordinates. The decoder takes ownership (it becomes the buffer <c>b</c>).</param>
    /// <param name="dropout">Dropout inside the blocks and the patch mapping (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new PAU.</param>
    /// <param name="outputChannels">Logits per point: 1 (binary, sigmoid; every paper model) or the class count N ≥ 3 (softmax).</param>
    public ResidualConditionalBatchNormDecoder(
        long latentFeatures,
        IReadOnlyList<long> widths,
        long patchChannels,
        Tensor? fourierMatrix = null,
        double dropout = 0.0,
        Func<Module<Tensor, Tensor>>? activationFactory = null,
        long outputChannels = 1)
        : base(nameof(ResidualConditionalBatchNormDecoder))
    {
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(patchChannels);
        if (outputChannels is < 1 or 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(outputChannels), outputChannels, "A decoder outputs 1 logit (binary, sigmoid) or one per class for 3 or more classes (softmax).");
        }

        if (widths.Count == 0 || widths.Any(w => w < 1))
        {
            throw new ArgumentException($"The decoder needs at least one block of positive width; got [{string.Join(", ", widths)}].", nameof(widths));
        }

        if (fourierMatrix is not null && (fourierMatrix.dim() != 3 || fourierMatrix.shape[0] != 1 || fourierMatrix.shape[1] != 3))
        {
            throw new ArgumentException($"The Fourier matrix must have shape [1, 3, F]; got {TensorGuard.Format(fourierMatrix.shape)}.", nameof(fourierMatrix));
        }

        LatentFeatures = latentFeatures;
        PatchChannels = patchChannels;
        OutputChannels = outputChannels;
        CoordinateFeatures = fourierMatrix is null ? 3 : FourierFeatures.EncodedFeatures((int)fourierMatrix.shape[2]);
        InputFeatures = CoordinateFeatures + (patchChannels > 0 ? PatchMapping.OutputFeatures : 0) + latentFeatures;
        b = fourierMatrix?.DetachFromDisposeScope();
        var blockList = new ResidualConditionalBatchNormBlock[widths.Count];
        var inputWidth = InputFeatures;
        for (var k = 0; k < blockList.Length; k++)
        {
            blockList[k] = new ResidualConditionalBatchNormBlock(inputWidth, widths[k], latentFeatures, dropout, activationFactory);
            inputWidth = widths[k];
        }

        blocks = new ModuleList<ResidualConditionalBatchNormBlock>(blockList);
        patch_mapping = patchChannels > 0 ? new PatchMapping(patchChannels, dropout, activationFactory) : null;
        final_mapping = Sequential(Linear(widths[^1], outputChannels, hasBias: false));
        RegisterComponents();
    }

    /// <inheritdoc />
    public override long LatentFeatures { get; }

    /// <inheritdoc />
    public override int BlockCount => blocks.Count;

    /// <inheritdoc />
    public override long PatchChannels { get; }

    /// <inheritdoc />
    public override long OutputChannels { get; }

    /// <summary>Gets the width of the per-point coordinate encoding (3, or 2F + 3 with Fourier features).</summary>
    public long CoordinateFeatures { get; }

    /// <summary>Gets the width of the first block's input: coordinates + 343 (with patches) + L.</summary>
    public long InputFeatures { get; }

    /// <summary>Predicts occupancy logits.</summary>
    /// <param name="coordinates">[B, N, 3] raw voxel coordinates of the full-resolution grid (integer types are converted).</param>
    /// <param name="patches">[B, N, PatchChannels, 7, 7, 7], or null when the decoder uses no patches.</param>
    /// <param name="latents">[B, K, L] with K = 1 or BlockCount + 1.</param>
    /// <returns>Logits [B, N, OutputChannels]; the caller owns the tensor.</returns>
    public override Tensor forward(Tensor coordinates, Tensor? patches, Tensor latents)
    {
        TensorGuard.Rank(latents, 3, nameof(latents));
        TensorGuard.Dimension(latents, 2, LatentFeatures, nameof(latents));
        if (!SupportsLatentCount(latents.shape[1]))
        {
            throw new ArgumentException(
                $"'latents' must hold 1 or {BlockCount + 1} latent vectors per volume (shape [B, K, {LatentFeatures}]); got shape {TensorGuard.Format(latents.shape)}.",
                nameof(latents));
        }

        var batch = latents.shape[0];
        TensorGuard.Shape(coordinates, [batch, -1, 3], nameof(coordinates));
        var points = coordinates.shape[1];
        CheckPatches(patches, batch, points);
        if (points == 0)
        {
            return torch.zeros([batch, 0, OutputChannels], dtype: latents.dtype, device: latents.device);
        }

        using var scope = torch.NewDisposeScope();
        var rows = batch * points;
        var position = coordinates.to(latents.dtype).reshape(rows, 1, 3);
        if (b is not null)
        {
            position = FourierFeatures.Encode(position, b);
        }

        var parts = new List<Tensor>(3) { position };
        if (patch_mapping is not null)
        {
            parts.Add(patch_mapping.call(patches!.flatten(0, 1)));
        }

        parts.Add(latents[.., ..1].expand(batch, points, LatentFeatures).reshape(rows, 1, LatentFeatures));
        var features = torch.cat(parts, dim: -1);
        var shared = latents.shape[1] == 1;
        for (var k = 0; k < blocks.Count; k++)
        {
            var latent = shared ? latents[.., ..1] : latents[.., (k + 1)..(k + 2)];
            features = blocks[k].call(features, latent);
        }

        return final_mapping.call(features).reshape(batch, points, OutputChannels).MoveToOuterDisposeScope();
    }

    private void CheckPatches(Tensor? patches, long batch, long points)
    {
        if (PatchChannels == 0)
        {
            if (patches is not null)
            {
                throw new ArgumentException("This decoder uses no patches; pass null for 'patches'.", nameof(patches));
            }

            return;
        }

        if (patches is null)
        {
            throw new ArgumentNullException(
                nameof(patches), $"This decoder needs patches of shape [B, N, {PatchChannels}, 7, 7, 7] for every point.");
        }

        TensorGuard.Shape(patches, [batch, points, PatchChannels, PatchMapping.PatchSize, PatchMapping.PatchSize, PatchMapping.PatchSize], nameof(patches));
    }
}
