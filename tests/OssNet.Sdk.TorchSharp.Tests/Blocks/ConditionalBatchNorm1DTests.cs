// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Blocks;

public sealed class ConditionalBatchNorm1DTests
{
    [Fact]
    public void Forward_AtInitialisation_IsScalarBatchNormalisation()
    {
        using var layer = new ConditionalBatchNorm1D(latentFeatures: 5, features: 7);
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(2);
        var input = (3 * torch.randn([2 * 4, 1, 7], generator: generator)) + 1;
        var latent = torch.randn([2, 1, 5], generator: generator);
        var output = layer.call(input, latent);

        // One mean and one (biased) variance over all points and all features; γ = 1, β = 0.
        var centered = input - input.mean();
        var expected = centered / (centered.pow(2).mean() + 1e-5).sqrt();
        Assert.True(output.allclose(expected, rtol: 1e-4, atol: 1e-5), $"max diff {(output - expected).abs().max().item<float>()}, training {layer.training}, out mean {output.mean().item<float>()} std {output.std().item<float>()}");
    }

    [Fact]
    public void Forward_ConditionedLatents_ApplyPerVolume()
    {
        using var layer = new ConditionalBatchNorm1D(latentFeatures: 1, features: 3);
        using var scope = torch.NewDisposeScope();
        foreach (var (name, parameter) in layer.named_parameters())
        {
            using var noGrad = torch.no_grad();
            if (name == "linear_gamma.weight")
            {
                parameter.fill_(1.0); // γ = z + 1
            }
        }

        layer.eval(); // running statistics at init: mean 0, variance 1 → x̂ ≈ x
        var input = torch.ones([2 * 2, 1, 3]);
        var latent = torch.tensor(new float[] { 1, 3 }).reshape(2, 1, 1);
        var output = layer.call(input, latent);
        var perPoint = output[.., 0, 0];
        var scale = 1 / Math.Sqrt(1 + 1e-5);
        Assert.Equal(new[] { 2 * scale, 2 * scale, 4 * scale, 4 * scale }, perPoint.data<float>().ToArray().Select(v => (double)v), new Comparison(1e-5));
    }

    [Fact]
    public void StateDict_HasReferenceKeysWithoutAffineNormalisation()
    {
        using var layer = new ConditionalBatchNorm1D(4, 6);
        Assert.Equal(
            new[] { "linear_gamma.weight", "linear_gamma.bias", "linear_beta.weight", "linear_beta.bias", "normalization.running_mean", "normalization.running_var", "normalization.num_batches_tracked" },
            OssNet.Sdk.TorchSharp.Serialization.StateDictionaryOrder.Enumerate(layer).Select(e => e.Key));
    }

    private sealed class Comparison(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
