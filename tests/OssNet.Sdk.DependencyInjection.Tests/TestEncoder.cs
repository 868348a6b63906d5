// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.TorchSharp;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>A service the test encoder takes from the container.</summary>
public sealed class EncoderSettings
{
    public int Width { get; init; } = 3;
}

/// <summary>A custom encoder created by ActivatorUtilities: its constructor takes the build context and a registered service.</summary>
public sealed class TestEncoder : EncoderModule
{
    private readonly Conv3d _projection;
    private readonly Linear _head;

    public TestEncoder(EncoderBuildContext context, EncoderSettings settings)
        : base(nameof(TestEncoder))
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(settings);
        InputChannels = context.InputChannels;
        LatentFeatures = context.LatentFeatures;
        LatentCount = context.LatentCount;
        Width = settings.Width;
        _projection = nn.Conv3d(InputChannels, Width, 1);
        _head = nn.Linear(Width, LatentCount * LatentFeatures);
        RegisterComponents();
    }

    public int Width { get; }

    public override long InputChannels { get; }

    public override long LatentFeatures { get; }

    public override int LatentCount { get; }

    public override bool HasLowResolutionHead => false;

    public override EncoderOutput forward(Tensor input)
    {
        using var scope = torch.NewDisposeScope();
        var pooled = _projection.call(input).mean([2, 3, 4]);
        var latents = _head.call(pooled).reshape(input.shape[0], LatentCount, LatentFeatures);
        return new EncoderOutput(latents.MoveToOuterDisposeScope());
    }
}
