// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Blocks;

public sealed class PatchConvolution3DTests
{
    [Theory]
    [InlineData(4, 2, 7, 7)]
    [InlineData(2, 1, 7, 7)]
    [InlineData(1, 1, 3, 5)]
    [InlineData(3, 2, 5, 4)]
    public void Forward_EqualsConv3dWithSamePadding_IncludingGradients(int cin, int cout, int k, int p)
    {
        using var scope = torch.NewDisposeScope();
        using var module = new PatchConvolution3D(cin, cout, k, p);
        module.to(ScalarType.Float64);
        var input = torch.randn([5, cin, p, p, p], ScalarType.Float64, generator: new torch.Generator(9)).requires_grad_();
        var reference = nn.functional.conv3d(input, module.Weight, module.Bias, padding: [k / 2, k / 2, k / 2]);

        var output = module.call(input);

        Assert.Equal(reference.shape, output.shape);
        Assert.True(output.allclose(reference, rtol: 1e-10, atol: 1e-12));
        var upstream = torch.randn(output.shape, ScalarType.Float64, generator: new torch.Generator(10));
        var (gi, gw, gb) = Gradients(output, upstream, input, module);
        var (ri, rw, rb) = Gradients(reference, upstream, input, module);
        Assert.True(gi.allclose(ri, rtol: 1e-10, atol: 1e-12), "input gradient differs");
        Assert.True(gw.allclose(rw, rtol: 1e-10, atol: 1e-12), "weight gradient differs");
        Assert.True(gb.allclose(rb, rtol: 1e-10, atol: 1e-12), "bias gradient differs");
    }

    [Fact]
    public void StateDict_HasConv3dKeysAndShapes()
    {
        using var module = new PatchConvolution3D(4, 2, 7, 7);
        var keys = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.shape);
        Assert.Equal(["weight", "bias"], keys.Keys.Order(StringComparer.Ordinal).Reverse());
        Assert.Equal(new long[] { 2, 4, 7, 7, 7 }, keys["weight"]);
        Assert.Equal(new long[] { 2 }, keys["bias"]);
    }

    [Fact]
    public void Forward_LeavesNoLiveTensors()
    {
        using var module = new PatchConvolution3D(2, 1, 7, 7);
        using var input = torch.randn([3, 2, 7, 7, 7]);
        TensorLeakGuard.AssertNoLeaks(() => module.call(input).Dispose());
    }

    private static (Tensor Input, Tensor Weight, Tensor Bias) Gradients(Tensor output, Tensor upstream, Tensor input, PatchConvolution3D module)
    {
        var grads = torch.autograd.grad([output], [input, module.Weight, module.Bias], [upstream], retain_graph: true);
        return (grads[0], grads[1], grads[2]);
    }
}
