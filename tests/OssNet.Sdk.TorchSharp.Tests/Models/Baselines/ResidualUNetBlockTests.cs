// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using TorchSharp;
using static TorchSharp.torch;
using static OssNet.Sdk.TorchSharp.Tests.Models.Baselines.UNetTestSupport;

namespace OssNet.Sdk.TorchSharp.Tests.Models.Baselines;

public sealed class ResidualUNetBlockTests
{
    [Theory]
    [InlineData(3, 2, 5)]
    [InlineData(3, 4, 4)]
    [InlineData(2, 3, 6)]
    [InlineData(2, 6, 6)]
    public void Forward_KeepsSpatialSize_AndHasTheFormulasParameters(int rank, long input, long output)
    {
        using var scope = torch.NewDisposeScope();
        using var block = new ResidualUNetBlock(rank, input, output);
        var shape = rank == 3 ? new long[] { 2, input, 5, 6, 7 } : [2, input, 5, 7];

        var result = block.call(RandomInput(shape, seed: 50));

        var expected = (long[])shape.Clone();
        expected[1] = output;
        Assert.Equal(expected, result.shape);
        Assert.Equal(UNetParameterFormula.Block(rank, input, output), block.parameters().Sum(p => p.numel()));
    }

    [Fact]
    public void StateDict_ProjectionOnlyWhenChannelsChange()
    {
        using var projecting = new ResidualUNetBlock(3, 2, 4);
        using var identity = new ResidualUNetBlock(3, 4, 4);

        Assert.Contains("residual_mapping.weight", projecting.state_dict().Keys);
        Assert.DoesNotContain(identity.state_dict().Keys, key => key.StartsWith("residual_mapping", StringComparison.Ordinal));
        Assert.Equal(
            ["main_mapping.0.weight", "main_mapping.1.weight", "main_mapping.2.weight_numerator", "main_mapping.4.weight", "main_mapping.5.weight", "final_activation.weight_numerator"],
            identity.named_parameters().Select(p => p.name).Where(n => !n.EndsWith("bias", StringComparison.Ordinal) && !n.EndsWith("denominator", StringComparison.Ordinal)));
    }

    [Fact]
    public void Forward_EvalMode_EqualsTheWrittenOutComputation()
    {
        using var scope = torch.NewDisposeScope();
        using var block = new ResidualUNetBlock(2, 2, 3, activationFactory: () => nn.ReLU());
        block.eval();
        var input = RandomInput([1, 2, 6, 5], seed: 51);
        var layers = block.named_modules().ToDictionary(m => m.name, m => (nn.Module<Tensor, Tensor>)m.module);

        var main = layers["main_mapping.5"].call(layers["main_mapping.4"].call(layers["main_mapping.2"].call(layers["main_mapping.1"].call(layers["main_mapping.0"].call(input)))));
        var expected = nn.functional.relu(main + layers["residual_mapping"].call(input));

        Assert.True(block.call(input).allclose(expected, rtol: 1e-6, atol: 1e-7));
    }

    [Fact]
    public void Forward_LeaksNoTensors()
    {
        using var block = new ResidualUNetBlock(3, 1, 2);
        using var input = RandomInput([2, 1, 4, 4, 4], seed: 52);

        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var output = block.call(input);
        });
    }

    [Theory]
    [InlineData(1, 1, 1, 0.0)]
    [InlineData(4, 1, 1, 0.0)]
    [InlineData(3, 0, 1, 0.0)]
    [InlineData(3, 1, 0, 0.0)]
    [InlineData(3, 1, 1, 1.0)]
    [InlineData(3, 1, 1, -0.1)]
    public void Constructor_InvalidArguments_Throw(int rank, long input, long output, double dropout)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResidualUNetBlock(rank, input, output, dropout));
    }
}
