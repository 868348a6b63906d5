// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models;

/// <summary>Re-draws a model's initial weights from a seeded generator, with PyTorch's default distributions.</summary>
/// <remarks>
/// TorchSharp's layers initialise from the global generator, which library code must not seed. PyTorch's defaults for
/// <c>Conv3d</c> and <c>Linear</c> (kaiming-uniform with a = √5 for weights, and the bias rule) both reduce to
/// U(−1/√fan_in, 1/√fan_in); drawing them again from a seeded generator makes construction reproducible without
/// touching global state. Conditional batch norms are then reset to their identity initialisation.
/// </remarks>
internal static class ParameterInitialization
{
    /// <summary>Re-initialises every convolution and linear layer of <paramref name="module"/> from <paramref name="seed"/>.</summary>
    internal static void Reset(Module module, int seed)
    {
        var generator = new torch.Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            var (weight, bias) = child switch
            {
                Conv3d conv => (conv.weight, conv.bias),
                Linear linear => (linear.weight, linear.bias),
                _ => (null, null),
            };
            if (weight is null)
            {
                continue;
            }

            var fanIn = weight.numel() / weight.shape[0];
            var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0.0;
            // Tensor.uniform_, not nn.init.uniform_: in TorchSharp 0.107 the latter ignores its generator.
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }

        foreach (var (_, child) in module.named_modules())
        {
            if (child is ConditionalBatchNorm1D conditional)
            {
                conditional.ResetParameters();
            }
        }
    }
}
