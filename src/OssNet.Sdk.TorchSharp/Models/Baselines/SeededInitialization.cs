// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Models.Baselines;

/// <summary>Re-draws the convolution weights of a U-Net from a seeded generator, with PyTorch's default distributions.</summary>
/// <remarks>
/// TorchSharp's layers initialise from the global generator, which library code must not seed. PyTorch's default for
/// every convolution, transposed ones included (kaiming-uniform with a = √5 for the weight, and the bias rule), reduces to
/// U(−1/√fan_in, 1/√fan_in), where fan_in = weight.numel / weight.shape[0] (for a transposed convolution, whose weight is
/// [in, out, k…], that is PyTorch's out·k^d). Batch norms (1, 0) and Padé units (the reference coefficients) start
/// from constants already. Covers 2D/3D (transposed) convolutions, which the OSS-Net initialiser does not.
/// </remarks>
internal static class SeededInitialization
{
    /// <summary>Re-initialises every (transposed) convolution of <paramref name="module"/> from <paramref name="seed"/>, in module order.</summary>
    internal static void Reset(Module module, int seed)
    {
        var generator = new torch.Generator(unchecked((ulong)seed));
        using var noGrad = torch.no_grad();
        foreach (var (_, child) in module.named_modules())
        {
            if (child is not Convolution convolution)
            {
                continue;
            }

            var weight = convolution.weight;
            if (weight is null)
            {
                continue;
            }

            var fanIn = weight.numel() / weight.shape[0];
            var bound = fanIn > 0 ? 1.0 / Math.Sqrt(fanIn) : 0.0;
            // Tensor.uniform_, not nn.init.uniform_: in TorchSharp 0.107 the latter ignores its generator.
            weight.uniform_(-bound, bound, generator);
            convolution.bias?.uniform_(-bound, bound, generator);
        }
    }
}
