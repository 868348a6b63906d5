// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.Volumes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Encoders;

/// <summary>
/// The OSS-Net encoder with skip latents (OSS-Net C and D): the same residual stages as
/// <see cref="ConvolutionalEncoder"/>; after every stage an output mapping
/// <c>AdaptiveMaxPool3d(outputShape) → Conv3d(Cᵢ → Cᵢ/2, 5³, no bias) → BatchNorm3d → PAU</c>; the pooled maps are
/// concatenated and mapped by <c>Conv3d(→ K, 5³, bias) → BatchNorm3d(K) → PAU</c> to K latent vectors of size
/// L = the voxel count of <c>outputShape</c>. Optionally an auxiliary head <c>Conv3d(C_last → 1, 5³, no bias)</c> on the
/// last stage predicts a coarse segmentation (<c>→ N</c> channels, one per class, for N ≥ 3 classes).
/// </summary>
/// <remarks>
/// Reference code <c>oss_net/encoder.py: ConvolutionalEncoderSkip</c>; keys <c>blocks.{i}</c>,
/// <c>output_mappings.{i}.{1,2,3}</c> (index 0 is the parameterless pooling), <c>final_mapping.{0,1,2}</c>,
/// <c>segmentation_mapping.0</c>. The pooling is <see cref="AdaptiveMaxPool3D"/> (TorchSharp 0.107's own
/// <c>AdaptiveMaxPool3d</c> fails on 5-D input). <b>Deviation:</b> the reference head ends in a sigmoid; this one returns
/// <b>logits</b> (<see cref="EncoderOutput.LowResolutionLogits"/>): apply <c>torch.sigmoid</c> for probabilities and
/// use BCE with logits as the auxiliary loss (numerically equivalent to the reference's BCE on probabilities).
/// </remarks>
public sealed class ConvolutionalEncoderWithSkips : EncoderModule
{
    private readonly ModuleList<ResidualBlock3D> blocks;
    private readonly ModuleList<Sequential> output_mappings;
    private readonly Sequential final_mapping;
    private readonly Sequential? segmentation_mapping;

    /// <summary>Initializes the encoder.</summary>
    /// <param name="inputChannels">Channels of the input volumes (BraTS 4, LiTS 1).</param>
    /// <param name="stageChannels">Output channels of each stage, each at least 2 (BraTS 16, 32, 64, 128).</param>
    /// <param name="outputShape">Pooling target of the skip latents (BraTS 8×8×5, LiTS 8×8×8); L = its voxel count.</param>
    /// <param name="latentCount">Latent vectors per volume K (the decoder's block count + 1; 6 in the reference).</param>
    /// <param name="lowResolutionHead">Whether to add the auxiliary low-resolution segmentation head.</param>
    /// <param name="dropout">Dropout inside the stages (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new PAU.</param>
    /// <param name="lowResolutionChannels">Channels of the head's logits: 1 (binary; the reference) or the class count N ≥ 3.</param>
    public ConvolutionalEncoderWithSkips(
        long inputChannels,
        IReadOnlyList<long> stageChannels,
        VolumeShape outputShape,
        int latentCount = 6,
        bool lowResolutionHead = true,
        double dropout = 0.0,
        Func<Module<Tensor, Tensor>>? activationFactory = null,
        long lowResolutionChannels = 1)
        : base(nameof(ConvolutionalEncoderWithSkips))
    {
        ArgumentNullException.ThrowIfNull(stageChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(latentCount, 1);
        if (lowResolutionChannels is < 1 or 2)
        {
            throw new ArgumentOutOfRangeException(
                nameof(lowResolutionChannels), lowResolutionChannels, "The head outputs 1 channel (binary, sigmoid) or one per class for 3 or more classes (softmax).");
        }

        if (stageChannels.Count == 0)
        {
            throw new ArgumentException("The encoder needs at least one stage.", nameof(stageChannels));
        }

        if (stageChannels.Any(c => c < 2))
        {
            throw new ArgumentException(
                $"Every stage of the skip encoder needs at least 2 channels (its output mapping halves them); got [{string.Join(", ", stageChannels)}].",
                nameof(stageChannels));
        }

        outputShape.Validate();
        var activation = activationFactory ?? Activation.Default;
        InputChannels = inputChannels;
        OutputShape = outputShape;
        LatentCount = latentCount;
        LowResolutionChannels = lowResolutionChannels;
        blocks = new ModuleList<ResidualBlock3D>(EncoderShapes.Stages(inputChannels, stageChannels, dropout, activationFactory));
        output_mappings = new ModuleList<Sequential>(stageChannels.Select(channels => Sequential(
            new AdaptiveMaxPool3D(outputShape),
            Conv3d(channels, channels / 2, kernel_size: 5, stride: 1, padding: 2, bias: false),
            BatchNorm3d(channels / 2, affine: true, track_running_stats: true),
            activation())).ToArray());
        final_mapping = Sequential(
            Conv3d(stageChannels.Sum(c => c / 2), latentCount, kernel_size: 5, stride: 1, padding: 2, bias: true),
            BatchNorm3d(latentCount, affine: true, track_running_stats: true),
            activation());
        segmentation_mapping = lowResolutionHead
            ? Sequential(Conv3d(stageChannels[^1], lowResolutionChannels, kernel_size: 5, stride: 1, padding: 2, bias: false))
            : null;
        RegisterComponents();
    }

    /// <inheritdoc />
    public override long InputChannels { get; }

    /// <inheritdoc />
    public override long LatentFeatures => OutputShape.VoxelCount;

    /// <inheritdoc />
    public override int LatentCount { get; }

    /// <inheritdoc />
    public override bool HasLowResolutionHead => segmentation_mapping is not null;

    /// <inheritdoc />
    public override long LowResolutionChannels { get; }

    /// <summary>Gets the pooling target of the skip latents.</summary>
    public VolumeShape OutputShape { get; }

    /// <summary>Encodes volumes.</summary>
    /// <param name="input">[B, InputChannels, X, Y, Z]; every extent at least 2^stages.</param>
    /// <returns>Latents [B, K, L] and, with the head, logits [B, LowResolutionChannels, X/2^s, Y/2^s, Z/2^s]; the caller owns the result.</returns>
    public override EncoderOutput forward(Tensor input)
    {
        EncoderShapes.CheckInput(input, InputChannels, expectedShape: null, nameof(input));
        using var scope = torch.NewDisposeScope();
        var pooled = new List<Tensor>(blocks.Count);
        var features = input;
        for (var i = 0; i < blocks.Count; i++)
        {
            features = blocks[i].call(features);
            pooled.Add(output_mappings[i].call(features));
        }

        var latents = final_mapping.call(torch.cat(pooled, dim: 1)).flatten(2);
        var lowResolution = segmentation_mapping?.call(features);
        return new EncoderOutput(latents.MoveToOuterDisposeScope(), lowResolution?.MoveToOuterDisposeScope());
    }
}
