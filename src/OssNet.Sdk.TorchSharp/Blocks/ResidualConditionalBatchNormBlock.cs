// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Blocks;

/// <summary>
/// A residual decoder block with conditional batch normalisation, post-activation ordering:
/// <c>h = PAU₁(CBN₁(Linear₁(x); z))</c> → Dropout → <c>h = CBN₂(Linear₂(h); z)</c> → <c>y = PAU₂(h + R(x))</c>,
/// with R = Linear (with bias) when the width changes, identity otherwise.
/// </summary>
/// <remarks>Reference code <c>oss_net/decoder.py: ResidualCBNFFNNBlock</c>; fields mirror its state-dict keys
/// (<c>linear_layer_1</c>, <c>linear_layer_2</c>, <c>activation</c>, <c>final_activation</c>, <c>residual_mapping</c>,
/// <c>cnb_1</c>, <c>cnb_2</c>).</remarks>
public sealed class ResidualConditionalBatchNormBlock : Module<Tensor, Tensor, Tensor>
{
    private readonly Linear linear_layer_1;
    private readonly Linear linear_layer_2;
    private readonly Module<Tensor, Tensor> activation;
    private readonly Module<Tensor, Tensor> final_activation;
    private readonly Module<Tensor, Tensor> dropout;
    private readonly Module<Tensor, Tensor> residual_mapping;
    private readonly ConditionalBatchNorm1D cnb_1;
    private readonly ConditionalBatchNorm1D cnb_2;

    /// <summary>Initializes the block.</summary>
    /// <param name="inputFeatures">Width of the input.</param>
    /// <param name="outputFeatures">Width of the output.</param>
    /// <param name="latentFeatures">Size L of the conditioning latent.</param>
    /// <param name="dropoutProbability">Dropout between the two stages (the reference uses 0).</param>
    /// <param name="activationFactory">Creates each activation; default a new PAU.</param>
    public ResidualConditionalBatchNormBlock(
        long inputFeatures, long outputFeatures, long latentFeatures, double dropoutProbability = 0.0, Func<Module<Tensor, Tensor>>? activationFactory = null)
        : base(nameof(ResidualConditionalBatchNormBlock))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputFeatures, 1);
        var create = activationFactory ?? Activation.Default;
        InputFeatures = inputFeatures;
        OutputFeatures = outputFeatures;
        linear_layer_1 = Linear(inputFeatures, outputFeatures, hasBias: true);
        linear_layer_2 = Linear(outputFeatures, outputFeatures, hasBias: true);
        activation = create();
        final_activation = create();
        dropout = Dropout(dropoutProbability);
        residual_mapping = inputFeatures != outputFeatures ? Linear(inputFeatures, outputFeatures, hasBias: true) : Identity();
        cnb_1 = new ConditionalBatchNorm1D(latentFeatures, outputFeatures);
        cnb_2 = new ConditionalBatchNorm1D(latentFeatures, outputFeatures);
        RegisterComponents();
    }

    /// <summary>Gets the input width.</summary>
    public long InputFeatures { get; }

    /// <summary>Gets the output width.</summary>
    public long OutputFeatures { get; }

    /// <summary>Runs the block.</summary>
    /// <param name="input">[B·N, 1, InputFeatures].</param>
    /// <param name="latent">[B, 1, L].</param>
    /// <returns>[B·N, 1, OutputFeatures]; the caller owns it.</returns>
    public override Tensor forward(Tensor input, Tensor latent)
    {
        using var scope = torch.NewDisposeScope();
        var hidden = dropout.call(activation.call(cnb_1.call(linear_layer_1.call(input), latent)));
        var output = cnb_2.call(linear_layer_2.call(hidden), latent);
        return final_activation.call(output.add_(residual_mapping.call(input))).MoveToOuterDisposeScope();
    }
}
