// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp.Models.OssNet;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace OssNet.Sdk.TorchSharp.Tests.Models;

/// <summary>A user's own encoder plugs into OssNetModel through the factory, without SDK changes.</summary>
public sealed class CustomEncoderTests
{
    [Fact]
    public void Create_WithCustomEncoder_TrainsOneAdamStep()
    {
        var options = OssNetPresets.Tiny;
        options.UseLowResolutionHead = false;
        using var model = OssNetModel.Create(options, encoderFactory: ctx => new PoolingEncoder(ctx.InputChannels, ctx.LatentCount, ctx.LatentFeatures));
        Assert.IsType<PoolingEncoder>(model.Encoder);
        Assert.Equal(6, model.LatentCount);
        Assert.Contains("encoder._projection.weight", model.state_dict().Keys);

        using var inputs = new ModelInputs(model.Options, batch: 2, points: 16, seed: 21);
        using var optimizer = torch.optim.Adam(model.parameters(), lr: 1e-4);
        using var before = model.Encoder.parameters().First().detach().clone();
        var losses = new List<float>();
        for (var step = 0; step < 2; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            var (logits, lowResolution) = model.call(inputs.Volumes, inputs.Coordinates, inputs.Patches);
            Assert.Null(lowResolution);
            var loss = nn.functional.binary_cross_entropy_with_logits(logits, inputs.Labels);
            losses.Add(loss.item<float>());
            loss.backward();
            optimizer.step();
        }

        using var after = model.Encoder.parameters().First().detach();
        Assert.False(before.eq(after).all().item<bool>(), "the custom encoder's weights did not change");
        Assert.True(losses[1] < losses[0], $"loss did not decrease: {losses[0]} → {losses[1]}");
    }

    [Fact]
    public void Create_CustomEncoderWithWrongLatentSize_ThrowsSayingWhy()
    {
        var options = OssNetPresets.TinyONet;
        var ex = Assert.Throws<InvalidOperationException>(
            () => OssNetModel.Create(options, encoderFactory: ctx => new PoolingEncoder(ctx.InputChannels, ctx.LatentCount, ctx.LatentFeatures + 1)));
        Assert.Contains("PoolingEncoder", ex.Message, StringComparison.Ordinal);
        Assert.Contains("latents of 33 features", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CustomEncoderWithoutRequestedHead_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(
            () => OssNetModel.Create(OssNetPresets.Tiny, encoderFactory: ctx => new PoolingEncoder(ctx.InputChannels, ctx.LatentCount, ctx.LatentFeatures)));
        Assert.Contains("low-resolution head", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>1×1×1 convolution to K channels, adaptive average pooling to L cells: latents [B, K, L].</summary>
    private sealed class PoolingEncoder : EncoderModule
    {
        private readonly Conv3d _projection;
        private readonly long _latentFeatures;

        public PoolingEncoder(long inputChannels, int latentCount, long latentFeatures)
            : base(nameof(PoolingEncoder))
        {
            InputChannels = inputChannels;
            LatentCount = latentCount;
            _latentFeatures = latentFeatures;
            _projection = Conv3d(inputChannels, latentCount, kernel_size: 1);
            RegisterComponents();
        }

        public override long InputChannels { get; }

        public override long LatentFeatures => _latentFeatures;

        public override int LatentCount { get; }

        public override bool HasLowResolutionHead => false;

        public override EncoderOutput forward(Tensor input)
        {
            using var scope = torch.NewDisposeScope();
            var pooled = nn.functional.adaptive_avg_pool3d(_projection.call(input), [_latentFeatures, 1, 1]);
            return new EncoderOutput(pooled.flatten(2).MoveToOuterDisposeScope());
        }
    }
}
