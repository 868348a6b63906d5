// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Blocks;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Blocks;

public sealed class ResidualBlock3DTests
{
    [Theory]
    [InlineData(1, 3, 5, 17, 18, 19)]
    [InlineData(2, 4, 4, 8, 9, 2)]
    public void Forward_OddSizes_HalvesWithFloor(long batch, long input, long output, long x, long y, long z)
    {
        using var block = new ResidualBlock3D(input, output);
        using var scope = torch.NewDisposeScope();
        var volume = torch.randn([batch, input, x, y, z], generator: new torch.Generator(1));
        Assert.Equal(new[] { batch, output, x / 2, y / 2, z / 2 }, block.call(volume).shape);
    }

    [Fact]
    public void StateDict_ChannelChange_HasReferenceKeys_SameChannels_HasNoResidualConvolution()
    {
        using var changing = new ResidualBlock3D(2, 4);
        using var same = new ResidualBlock3D(4, 4);
        var keys = changing.state_dict().Keys.ToArray();
        Assert.Contains("main_mapping.0.weight", keys);
        Assert.Contains("main_mapping.5.weight", keys);
        Assert.Contains("main_mapping.6.num_batches_tracked", keys);
        Assert.Contains("main_mapping.2.weight_numerator", keys);
        Assert.Contains("residual_mapping.weight", keys);
        Assert.Contains("final_activation.weight_denominator", keys);
        Assert.DoesNotContain(same.state_dict().Keys, k => k.StartsWith("residual_mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void Forward_WrongChannels_ThrowsWithShape()
    {
        using var block = new ResidualBlock3D(2, 4);
        using var volume = torch.zeros([1, 3, 4, 4, 4]);
        var ex = Assert.Throws<ArgumentException>(() => block.call(volume));
        Assert.Contains("[1, 3, 4, 4, 4]", ex.Message, StringComparison.Ordinal);
    }
}
