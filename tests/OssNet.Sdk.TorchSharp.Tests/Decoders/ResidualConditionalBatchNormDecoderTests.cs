// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.TorchSharp.Decoders;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Decoders;

public sealed class ResidualConditionalBatchNormDecoderTests
{
    private static readonly long[] s_widths = [16, 16, 8];

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 1)]
    [InlineData(2, 5, 4)]
    public void Forward_OddBatchAndPoints_ReturnsLogitsPerPoint(long batch, long points, long latentCount)
    {
        using var decoder = new ResidualConditionalBatchNormDecoder(12, s_widths, patchChannels: 2);
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(10);
        var output = decoder.call(
            torch.randint(0, 50, [batch, points, 3], generator: generator).to(ScalarType.Float32),
            torch.randn([batch, points, 2, 7, 7, 7], generator: generator),
            torch.randn([batch, latentCount, 12], generator: generator));
        Assert.Equal(new[] { batch, points, 1L }, output.shape);
        Assert.Equal(3 + 343 + 12, decoder.InputFeatures);
    }

    [Fact]
    public void Forward_ZeroPoints_ReturnsEmpty()
    {
        using var decoder = new ResidualConditionalBatchNormDecoder(4, s_widths, patchChannels: 0);
        using var scope = torch.NewDisposeScope();
        var output = decoder.call(torch.zeros([2, 0, 3]), null, torch.zeros([2, 1, 4]));
        Assert.Equal(new[] { 2L, 0, 1 }, output.shape);
    }

    [Fact]
    public void Forward_IntegerCoordinates_AreAccepted()
    {
        using var decoder = new ResidualConditionalBatchNormDecoder(4, s_widths, patchChannels: 0);
        using var scope = torch.NewDisposeScope();
        var output = decoder.call(torch.ones([1, 3, 3], dtype: ScalarType.Int64), null, torch.randn([1, 1, 4], generator: new torch.Generator(11)));
        Assert.Equal(ScalarType.Float32, output.dtype);
    }

    [Fact]
    public void Forward_BadArguments_ThrowClearly()
    {
        using var decoder = new ResidualConditionalBatchNormDecoder(4, s_widths, patchChannels: 1);
        using var scope = torch.NewDisposeScope();
        var coordinates = torch.zeros([1, 2, 3]);
        var patches = torch.zeros([1, 2, 1, 7, 7, 7]);
        Assert.Contains("1 or 4 latent vectors", Assert.Throws<ArgumentException>(() => decoder.call(coordinates, patches, torch.zeros([1, 2, 4]))).Message, StringComparison.Ordinal);
        Assert.Contains("[B, N, 1, 7, 7, 7]", Assert.Throws<ArgumentNullException>(() => decoder.call(coordinates, null, torch.zeros([1, 1, 4]))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => decoder.call(torch.zeros([1, 2, 2]), patches, torch.zeros([1, 1, 4])));
    }

    [Fact]
    public void Fourier_BufferIsFirstKeyWithReferenceShape_AndWidensTheInput()
    {
        using var decoder = new ResidualConditionalBatchNormDecoder(4, s_widths, patchChannels: 0, fourierMatrix: FourierFeatures.CreateMatrix(generator: new torch.Generator(12)));
        var state = Serialization.StateDictionaryOrder.Enumerate(decoder).ToArray();
        Assert.Equal("b", state[0].Key);
        Assert.Equal(new[] { 1L, 3, 16 }, state[0].Tensor.shape);
        Assert.DoesNotContain(decoder.named_parameters(), p => p.name == "b");
        Assert.Equal(35 + 4, decoder.InputFeatures);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new[] { 2L, 3, 1 }, decoder.call(torch.ones([2, 3, 3]), null, torch.ones([2, 1, 4])).shape);
    }
}
