// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Activations;

/// <summary>
/// The Padé activation as a custom autograd function: its node keeps only the input and the 10 coefficients and
/// recomputes everything else in <see cref="backward"/>.
/// </summary>
/// <remarks>
/// An autograd chain of plain tensor operations keeps about ten input-sized intermediates per activation alive until
/// the backward pass; this keeps one. Only first-order gradients are supported (the backward is not differentiable).
/// </remarks>
internal sealed class PadeActivationFunction : torch.autograd.MultiTensorFunction<PadeActivationFunction>
{
    private const string PathKey = "path";

    /// <inheritdoc />
    public override string Name => "PadeActivationUnit5x4";

    /// <summary>Applies the activation with autograd support.</summary>
    internal static Tensor Apply(Tensor input, Tensor numerator, Tensor denominator, PadeComputePath path) =>
        apply(input, numerator, denominator, path)[0];

    /// <inheritdoc />
    public override List<Tensor> forward(torch.autograd.AutogradContext ctx, params object[] vars)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(vars);
        var input = (Tensor)vars[0];
        var numerator = (Tensor)vars[1];
        var denominator = (Tensor)vars[2];
        var path = (PadeComputePath)vars[3];
        ctx.save_for_backward([input, numerator, denominator]);
        ctx.save_data(PathKey, path);
        return [PadeKernels.Forward(input, numerator, denominator, path)];
    }

    /// <inheritdoc />
    public override List<Tensor> backward(torch.autograd.AutogradContext ctx, List<Tensor> grads)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(grads);
        var saved = ctx.get_saved_variables();
        var path = (PadeComputePath)ctx.get_data(PathKey);
        var (input, numerator, denominator) = PadeKernels.Backward(saved[0], grads[0], saved[1], saved[2], path);

        // One gradient per forward argument; the compute path is not a tensor.
        return [input, numerator, denominator, null!];
    }
}
