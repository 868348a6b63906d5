// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Activations;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// A 3D residual encoder stage that halves the spatial resolution:
/// <c>Conv3d(3³, no bias) → BatchNorm3d → PAU → AvgPool3d(2) → Dropout → Conv3d(3³, no bias) → BatchNorm3d</c>,
/// plus a shortcut <c>Conv3d(1³, no bias)</c> (only when the channel count changes) followed by <c>AvgPool3d(2)</c>;
/// the sum passes through a second PAU.
/// </summary>
/// <remarks>
/// Reference code <c>oss_net/encoder.py: Residual3dBlock</c>. Fields mirror its state-dict keys
/// (<c>main_mapping.{0,1,2,5,6}</c>, <c>residual_mapping</c>, <c>final_activation</c>); the parameterless pooling and
/// dropout stay in <c>main_mapping</c> at indices 3 and 4 so the indices match. Odd extents are floored by the pooling.
/// </remarks>
public sealed class ResidualBlock3D : Module<Tensor, Tensor>
{
    private readonly Sequential main_mapping;
    private readonly Module<Tensor, Tensor> residual_mapping;
    private readonly Module<Tensor, Tensor> final_activation;
    private readonly Module<Tensor, Tensor> pooling_layer;

    /// <summary>Initializes the block.</summary>
    /// <param name="inputChannels">Channels of the input.</param>
    /// <param name="outputChannels">Channels of the output.</param>
    /// <param name="dropout">Dropout probability between the convolutions (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new <see cref="PadeActivationUnit"/>.</param>
    public ResidualBlock3D(long inputChannels, long outputChannels, double dropout = 0.0, Func<Module<Tensor, Tensor>>? activationFactory = null)
        : base(nameof(ResidualBlock3D))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannels, 1);
        var activation = activationFactory ?? Activation.Default;
        InputChannels = inputChannels;
        OutputChannels = outputChannels;
        main_mapping = Sequential(
            Conv3d(inputChannels, outputChannels, kernel_size: 3, stride: 1, padding: 1, bias: false),
            BatchNorm3d(outputChannels, affine: true, track_running_stats: true),
            activation(),
            AvgPool3d(kernel_size: 2, stride: 2),
            Dropout(dropout),
            Conv3d(outputChannels, outputChannels, kernel_size: 3, stride: 1, padding: 1, bias: false),
            BatchNorm3d(outputChannels, affine: true, track_running_stats: true));
        residual_mapping = inputChannels != outputChannels
            ? Conv3d(inputChannels, outputChannels, kernel_size: 1, stride: 1, padding: 0L, bias: false)
            : Identity();
        final_activation = activation();
        pooling_layer = AvgPool3d(kernel_size: 2, stride: 2);
        RegisterComponents();
    }

    /// <summary>Gets the number of input channels.</summary>
    public long InputChannels { get; }

    /// <summary>Gets the number of output channels.</summary>
    public long OutputChannels { get; }

    /// <summary>Runs the block.</summary>
    /// <param name="input">[B, InputChannels, X, Y, Z].</param>
    /// <returns>[B, OutputChannels, ⌊X/2⌋, ⌊Y/2⌋, ⌊Z/2⌋]; the caller owns it.</returns>
    public override Tensor forward(Tensor input)
    {
        TensorGuard.Rank(input, 5, nameof(input));
        TensorGuard.Dimension(input, 1, InputChannels, nameof(input));
        using var scope = torch.NewDisposeScope();
        var main = main_mapping.call(input);

        // In place: BatchNorm's backward needs its input, not its output.
        main.add_(pooling_layer.call(residual_mapping.call(input)));
        return final_activation.call(main).MoveToOuterDisposeScope();
    }
}
