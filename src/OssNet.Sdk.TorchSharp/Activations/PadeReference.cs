// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Activations;

/// <summary>
/// The Padé activation written as plain tensor operations, differentiated by autograd: the readable definition
/// against which <see cref="PadeKernels"/> is tested. Not used by the models (it keeps many intermediates for backward).
/// </summary>
internal static class PadeReference
{
    /// <summary>P(x) / (1 + Σ_k |b_k| |x|^k) with P(x) = Σ_k a_k x^k.</summary>
    internal static Tensor Evaluate(Tensor input, Tensor numerator, Tensor denominator)
    {
        using var scope = torch.NewDisposeScope();
        var p = torch.zeros_like(input);
        for (var k = 0; k < PadeKernels.NumeratorLength; k++)
        {
            p = p + (numerator[k] * input.pow(k));
        }

        var q = torch.ones_like(input);
        var absolute = input.abs();
        for (var k = 1; k <= PadeKernels.DenominatorLength; k++)
        {
            q = q + (denominator[k - 1].abs() * absolute.pow(k));
        }

        return (p / q).MoveToOuterDisposeScope();
    }
}
