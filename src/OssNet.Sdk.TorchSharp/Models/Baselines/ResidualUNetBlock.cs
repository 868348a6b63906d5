// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Activations;
using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>
/// The residual block of the U-Net baselines, in 2D or 3D; it keeps the spatial size:
/// <c>Conv(3, no bias) → BatchNorm → activation → Dropout → Conv(3, no bias) → BatchNorm</c>, plus a shortcut
/// <c>Conv(1, no bias)</c> when the channel count changes (else the identity); the sum passes through a second activation.
/// </summary>
/// <remarks>
/// The OSS-Net encoder's block (<see cref="ResidualBlock3D"/>, reference <c>Residual3dBlock</c>) without its pooling:
/// the U-Nets pool between levels instead. Keys: <c>main_mapping.{0,1,2,4,5}</c> (the parameter-free dropout sits at
/// index 3), <c>residual_mapping.weight</c> (only with a projection) and <c>final_activation</c>. The shortcut is added
/// in place to the second batch norm's output, which its backward pass does not need, so the block keeps no extra
/// activation for the sum.
/// </remarks>
public sealed class ResidualUNetBlock : Module<Tensor, Tensor>
{
    private readonly Sequential main_mapping;
    private readonly Module<Tensor, Tensor> residual_mapping;
    private readonly Module<Tensor, Tensor> final_activation;

    /// <summary>Initializes the block.</summary>
    /// <param name="spatialDimensions">2 (inputs [B, C, H, W]) or 3 (inputs [B, C, X, Y, Z]).</param>
    /// <param name="inputChannels">Channels of the input.</param>
    /// <param name="outputChannels">Channels of the output.</param>
    /// <param name="dropout">Dropout probability between the convolutions, in [0, 1).</param>
    /// <param name="activationFactory">Creates each of the two activations; default a new <see cref="PadeActivationUnit"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A rank other than 2 or 3, a channel count below 1, or dropout outside [0, 1).</exception>
    public ResidualUNetBlock(int spatialDimensions, long inputChannels, long outputChannels, double dropout = 0.0, Func<Module<Tensor, Tensor>>? activationFactory = null)
        : base(nameof(ResidualUNetBlock))
    {
        UNetLayers.CheckRank(spatialDimensions, nameof(spatialDimensions));
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannels, 1);
        if (dropout is < 0.0 or >= 1.0 || double.IsNaN(dropout))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must be in [0, 1).");
        }

        var activation = activationFactory ?? Activation.Default;
        SpatialDimensions = spatialDimensions;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        main_mapping = Sequential(
            UNetLayers.Convolution(spatialDimensions, inputChannels, outputChannels, kernelSize: 3, bias: false),
            UNetLayers.BatchNorm(spatialDimensions, outputChannels),
            activation(),
            Dropout(dropout),
            UNetLayers.Convolution(spatialDimensions, outputChannels, outputChannels, kernelSize: 3, bias: false),
            UNetLayers.BatchNorm(spatialDimensions, outputChannels));
        residual_mapping = inputChannels != outputChannels
            ? UNetLayers.Convolution(spatialDimensions, inputChannels, outputChannels, kernelSize: 1, bias: false)
            : Identity();
        final_activation = activation();
        RegisterComponents();
    }

    /// <summary>Gets the spatial rank (2 or 3).</summary>
    public int SpatialDimensions { get; }

    /// <summary>Gets the number of input channels.</summary>
    public long InputChannels { get; }

    /// <summary>Gets the number of output channels.</summary>
    public long OutputChannels { get; }

    /// <summary>Runs the block.</summary>
    /// <param name="input">[B, InputChannels, spatial…] with <see cref="SpatialDimensions"/> spatial extents.</param>
    /// <returns>[B, OutputChannels, spatial…] (same spatial size); the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Rank(input, SpatialDimensions + 2, nameof(input));
        TensorGuard.Dimension(input, 1, InputChannels, nameof(input));
        using var scope = torch.NewDisposeScope();
        var main = main_mapping.call(input);
        using (var shortcut = residual_mapping.call(input))
        {
            // In place: BatchNorm's backward needs its input, not its output.
            main.add_(shortcut);
        }

        return final_activation.call(main).MoveToOuterDisposeScope();
    }
}
