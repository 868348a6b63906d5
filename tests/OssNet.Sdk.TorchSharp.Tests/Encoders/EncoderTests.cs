// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TestUtilities;
using OssNet.Sdk.TorchSharp.Encoders;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Encoders;

public sealed class EncoderTests
{
    [Theory]
    [InlineData(1, 16, 16, 8, 4)]
    [InlineData(3, 17, 18, 9, 4)]
    public void ConvolutionalEncoder_Forward_LatentIsLastStageVoxels(long batch, int x, int y, int z, long latent)
    {
        using var encoder = new ConvolutionalEncoder(2, [4, 8, 8], new VolumeShape(x, y, z));
        Assert.Equal(latent, encoder.LatentFeatures);
        Assert.False(encoder.HasLowResolutionHead);
        using var scope = torch.NewDisposeScope();
        using var output = encoder.Encode(torch.randn([batch, 2, x, y, z], generator: new torch.Generator(7)));
        Assert.Equal(new[] { batch, 1, latent }, output.Latents.shape);
        Assert.Null(output.LowResolutionLogits);
    }

    [Fact]
    public void ConvolutionalEncoder_OtherSpatialSize_ThrowsNamingExpectedSize()
    {
        using var encoder = new ConvolutionalEncoder(1, [2], new VolumeShape(8, 8, 8));
        using var volume = torch.zeros([1, 1, 8, 8, 6]);
        var ex = Assert.Throws<ArgumentException>(() => encoder.Encode(volume));
        Assert.Contains("8×8×8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConvolutionalEncoder_TooManyStages_Throws() =>
        Assert.Throws<ArgumentException>(() => new ConvolutionalEncoder(1, [2, 2, 2, 2], new VolumeShape(8, 8, 8)));

    [Theory]
    [InlineData(2, 32, 32, 16)]
    [InlineData(1, 17, 19, 9)]
    public void SkipEncoder_Forward_GivesKLatentsAndLowResolutionLogits(long batch, int x, int y, int z)
    {
        using var encoder = new ConvolutionalEncoderWithSkips(2, [4, 8, 8], new VolumeShape(4, 4, 2), latentCount: 6, lowResolutionHead: true);
        using var scope = torch.NewDisposeScope();
        using var output = encoder.Encode(torch.randn([batch, 2, x, y, z], generator: new torch.Generator(8)));
        Assert.Equal(new[] { batch, 6L, 32 }, output.Latents.shape);
        Assert.Equal(new[] { batch, 1L, x / 8, y / 8, z / 8 }, output.LowResolutionLogits!.shape);
    }

    [Fact]
    public void SkipEncoder_OneChannelStage_ThrowsExplaining() =>
        Assert.Contains("at least 2 channels", Assert.Throws<ArgumentException>(() => new ConvolutionalEncoderWithSkips(1, [1, 4], new VolumeShape(2, 2, 2))).Message, StringComparison.Ordinal);

    [Fact]
    public void SkipEncoder_Encode_LeaksNothing()
    {
        using var encoder = new ConvolutionalEncoderWithSkips(2, [4, 8], new VolumeShape(2, 2, 2), latentCount: 3, lowResolutionHead: false);
        using var volume = torch.randn([2, 2, 8, 8, 8], generator: new torch.Generator(9));
        TensorLeakGuard.AssertNoLeaks(() =>
        {
            using var output = encoder.Encode(volume);
            Assert.Null(output.LowResolutionLogits);
        });
    }
}
