// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using OssNet.Sdk.Volumes;
using TorchSharp;
using static TorchSharp.torch;

namespace OssNet.Sdk.TorchSharp.Tests.Blocks;

public sealed class PatchMappingAndFourierTests
{
    [Theory]
    [InlineData(8, 4)]
    [InlineData(4, 2)]
    [InlineData(1, 1)]
    public void PatchMapping_MapsEachPatchTo343Features(long channels, long hidden)
    {
        using var mapping = new PatchMapping(channels);
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new[] { hidden, channels, 7L, 7, 7 }, mapping.state_dict()["mapping.0.weight"].shape);
        var output = mapping.call(torch.randn([5, channels, 7, 7, 7], generator: new torch.Generator(3)));
        Assert.Equal(new[] { 5L, 1, 343 }, output.shape);
    }

    [Fact]
    public void FourierFeatures_Encode_IsCosSinAndCoordinates()
    {
        using var scope = torch.NewDisposeScope();
        var matrix = FourierFeatures.CreateMatrix(generator: new torch.Generator(4));
        Assert.Equal(new[] { 1L, 3, 16 }, matrix.shape);
        var coordinates = torch.tensor(new float[] { 10, 20, 3 }).reshape(1, 1, 3);
        var encoded = FourierFeatures.Encode(coordinates, matrix);
        Assert.Equal(new[] { 1L, 1, 35 }, encoded.shape);
        var projected = 2 * Math.PI * ((10 * matrix[0, 0, 5].item<float>()) + (20 * matrix[0, 1, 5].item<float>()) + (3 * matrix[0, 2, 5].item<float>()));
        Assert.Equal(Math.Cos(projected), encoded[0, 0, 5].item<float>(), 2);
        Assert.Equal(Math.Sin(projected), encoded[0, 0, 21].item<float>(), 2);
        Assert.Equal(20f, encoded[0, 0, 33].item<float>());
    }

    [Fact]
    public void AdaptiveMaxPool3D_EqualsPyTorchBins()
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.randn([2, 3, 7, 8, 5], generator: new torch.Generator(5));
        using var pool = new AdaptiveMaxPool3D(new VolumeShape(3, 4, 2));
        var output = pool.call(input);
        Assert.Equal(new[] { 2L, 3, 3, 4, 2 }, output.shape);

        // PyTorch's bins along 7 → 3: [0, 3), [2, 5), [4, 7); along 5 → 2: [0, 3), [2, 5); along 8 → 4: pairs.
        var expected = input[.., .., 2..5, 4..6, 2..5].amax([2, 3, 4]);
        Assert.True(output[.., .., 1, 2, 1].eq(expected).all().item<bool>());

        using var divisible = new AdaptiveMaxPool3D(new VolumeShape(4, 4, 5));
        var even = torch.randn([1, 2, 8, 8, 5], generator: new torch.Generator(6));
        Assert.True(divisible.call(even).eq(nn.functional.max_pool3d(even, [2, 2, 1], [2, 2, 1])).all().item<bool>());
    }
}
