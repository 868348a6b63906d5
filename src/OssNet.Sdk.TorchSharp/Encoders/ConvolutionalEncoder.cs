// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.Volumes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Encoders;

/// <summary>
/// The plain OSS-Net encoder (O-Net baseline, OSS-Net A and B): a stack of <see cref="ResidualBlock3D"/> stages, each
/// halving the resolution, then <c>Conv3d(→ 1, 5³, bias) → BatchNorm3d(1) → PAU</c>; the single output channel
/// flattened is the latent vector, so L = the voxel count of the last stage.
/// </summary>
/// <remarks>
/// Reference code <c>oss_net/encoder.py: ConvolutionalEncoder</c>; state-dict keys <c>blocks.{i}.…</c>,
/// <c>final_mapping.{0,1,2}</c>. BraTS: 4×128×128×80 → [B, 1, 320]; LiTS: 1×256³ → [B, 1, 512]. The reference's
/// "encoder_output_shape" is not used by this encoder, and it has no low-resolution head.
/// </remarks>
public sealed class ConvolutionalEncoder : EncoderModule
{
    private readonly ModuleList<ResidualBlock3D> blocks;
    private readonly Sequential final_mapping;

    /// <summary>Initializes the encoder.</summary>
    /// <param name="inputChannels">Channels of the input volumes (BraTS 4, LiTS 1).</param>
    /// <param name="stageChannels">Output channels of each stage (BraTS 16, 32, 64, 128; LiTS 8, 16, 32, 64, 128).</param>
    /// <param name="inputShape">Spatial size of the input volumes; every extent must be at least 2^stages.</param>
    /// <param name="dropout">Dropout inside the stages (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new PAU.</param>
    public ConvolutionalEncoder(
        long inputChannels, IReadOnlyList<long> stageChannels, VolumeShape inputShape, double dropout = 0.0, Func<Module<Tensor, Tensor>>? activationFactory = null)
        : base(nameof(ConvolutionalEncoder))
    {
        ArgumentNullException.ThrowIfNull(stageChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        if (stageChannels.Count == 0)
        {
            throw new ArgumentException("The encoder needs at least one stage.", nameof(stageChannels));
        }

        inputShape.Validate();
        InputShape = inputShape;
        OutputShape = EncoderShapes.AfterStages(inputShape, stageChannels.Count);
        InputChannels = inputChannels;
        blocks = new ModuleList<ResidualBlock3D>(EncoderShapes.Stages(inputChannels, stageChannels, dropout, activationFactory));
        final_mapping = Sequential(
            Conv3d(stageChannels[^1], 1, kernel_size: 5, stride: 1, padding: 2, bias: true),
            BatchNorm3d(1, affine: true, track_running_stats: true),
            (activationFactory ?? Activation.Default)());
        RegisterComponents();
    }

    /// <inheritdoc />
    public override long InputChannels { get; }

    /// <inheritdoc />
    public override long LatentFeatures => OutputShape.VoxelCount;

    /// <inheritdoc />
    public override int LatentCount => 1;

    /// <inheritdoc />
    public override bool HasLowResolutionHead => false;

    /// <summary>Gets the spatial size of the input volumes.</summary>
    public VolumeShape InputShape { get; }

    /// <summary>Gets the spatial size of the last stage (the latent is its voxels).</summary>
    public VolumeShape OutputShape { get; }

    /// <summary>Encodes volumes.</summary>
    /// <param name="input">[B, InputChannels, X, Y, Z] with (X, Y, Z) = <see cref="InputShape"/>.</param>
    /// <returns>Latents [B, 1, L]; the caller owns the result.</returns>
    public override EncoderOutput forward(Tensor input)
    {
        EncoderShapes.CheckInput(input, InputChannels, InputShape, nameof(input));
        using var scope = torch.NewDisposeScope();
        var features = input;
        foreach (var block in blocks)
        {
            features = block.call(features);
        }

        var latents = final_mapping.call(features).flatten(2);
        return new EncoderOutput(latents.MoveToOuterDisposeScope());
    }
}
