// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection.Tests;

public sealed class SegmenterRegistrationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void KeyedSegmenters_ResolvePerNameAsSingletons()
    {
        var services = new ServiceCollection();
        services.AddOssNet()
            .AddSegmenter("small", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad"))
            .AddSegmenter("tiny", s => s.UseOssNet("tiny_o_net").WithPreprocessing("zscore-pad").Configure(o => o.InputChannels = 3));
        using var provider = services.BuildServiceProvider();

        var small = provider.GetRequiredKeyedService<ISegmenter>("small");
        var tiny = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("tiny"));

        Assert.Same(small, provider.GetRequiredKeyedService<ISegmenter>("small"));
        Assert.Equal("OSS-Net 'di-small'", small.ModelName);
        Assert.Equal("OSS-Net 'tiny_o_net'", tiny.ModelName);
        Assert.Equal(3, tiny.Model.InputChannels);
    }

    [Fact]
    public async Task Segmenter_FromDI_SegmentsOnTheInputGrid()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("small", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad"));
        using var provider = services.BuildServiceProvider();
        var input = TestArchitectures.Case(new VolumeShape(30, 30, 14));

        var result = await provider.GetRequiredKeyedService<ISegmenter>("small").SegmentAsync(input, cancellationToken: Token);

        Assert.Equal(input.Image.Shape, result.Mask.Shape);
        Assert.Same(input.Image.Geometry.Affine, result.Mask.Geometry.Affine);
        Assert.Equal(32 * 32 * 16, result.Statistics.DenseGridPoints);
    }

    [Fact]
    public void UseEncoderOfType_IsCreatedWithContextAndServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new EncoderSettings { Width = 5 });
        services.AddOssNet().AddSegmenter("custom", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad").UseEncoder<TestEncoder>());
        using var provider = services.BuildServiceProvider();

        var segmenter = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("custom"));
        var encoder = Assert.IsType<TestEncoder>(segmenter.Model.Encoder);

        Assert.Equal(5, encoder.Width);
        Assert.Equal(32, encoder.LatentFeatures);
        Assert.Contains(segmenter.Model.state_dict().Keys, k => k.StartsWith("encoder._projection.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseEncoderFactory_WithServices_SegmentsAndRelaxesBuiltInEncoderChecks()
    {
        var architecture = TestArchitectures.Small;
        architecture.LatentFeatures = 24; // the built-in encoder could not produce 24 features from 16×16×8 in two stages
        var services = new ServiceCollection();
        services.AddSingleton(new EncoderSettings { Width = 2 });
        services.AddOssNet().AddSegmenter("custom", s => s
            .UseOssNet(architecture)
            .WithPreprocessing("zscore-pad")
            .UseEncoder((context, sp) => new TestEncoder(context, sp.GetRequiredService<EncoderSettings>())));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var result = await provider.GetRequiredKeyedService<ISegmenter>("custom").SegmentAsync(TestArchitectures.Case(new VolumeShape(32, 32, 16)), cancellationToken: Token);

        Assert.Equal(new VolumeShape(32, 32, 16), result.Mask.Shape);
    }

    [Fact]
    public async Task Decorators_FirstUseIsOutermost_AndDisposeTheChain()
    {
        var calls = new List<string>();
        RecordingSegmenter? outer = null;
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("small", s => s
            .UseOssNet(TestArchitectures.Small)
            .WithPreprocessing("zscore-pad")
            .Use(inner => outer = new RecordingSegmenter(inner, "outer", calls))
            .Use((inner, _) => new RecordingSegmenter(inner, "inner", calls)));
        var provider = services.BuildServiceProvider();
        var segmenter = provider.GetRequiredKeyedService<ISegmenter>("small");
        await segmenter.SegmentAsync(TestArchitectures.Case(new VolumeShape(32, 32, 16)), cancellationToken: Token);
        var innerDecorator = Assert.IsType<RecordingSegmenter>(outer!.Inner);
        var model = Assert.IsType<OssNetSegmenter>(innerDecorator.Inner).Model;
        var weight = model.parameters().First();

        provider.Dispose();

        Assert.Same(outer, segmenter);
        Assert.Equal("outer(inner(OSS-Net 'di-small'))", segmenter.ModelName);
        Assert.Equal(["outer", "inner"], calls);
        Assert.True(outer.Disposed);
        Assert.True(innerDecorator.Disposed);
        Assert.True(weight.IsInvalid, "the model's parameters are freed with the container");
    }

    [Fact]
    public async Task DisposingTheContainer_FreesTheModelAndRetiresTheSegmenter()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("small", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad"));
        var provider = services.BuildServiceProvider();
        var segmenter = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("small"));
        var weights = segmenter.Model.parameters().ToList();

        await provider.DisposeAsync();

        Assert.All(weights, w => Assert.True(w.IsInvalid));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => segmenter.SegmentAsync(TestArchitectures.Case(new VolumeShape(8, 8, 8)), cancellationToken: Token));
    }

    [Fact]
    public async Task UseFactory_PlugsInAnotherModelFamily()
    {
        EmptyMaskSegmenter? created = null;
        IVolumeTransform? preprocessing = null;
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("unet", s => s
            .WithPreprocessing("zscore-resample")
            .UseFactory(context =>
            {
                preprocessing = context.CreatePreprocessing(new VolumeShape(16, 16, 8));
                return created = new EmptyMaskSegmenter($"fake '{context.Name}' on {context.Device.type}");
            }));
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var segmenter = provider.GetRequiredKeyedService<ISegmenter>("unet");
        var result = await segmenter.SegmentAsync(TestArchitectures.Case(new VolumeShape(9, 9, 9)), cancellationToken: Token);
        await provider.DisposeAsync();

        Assert.Equal("fake 'unet' on CPU", segmenter.ModelName);
        Assert.Equal(new VolumeShape(9, 9, 9), result.Mask.Shape);
        Assert.Equal(new VolumeShape(16, 16, 8), preprocessing!.Apply(TestArchitectures.Case(new VolumeShape(9, 9, 9))).Case.Image.Shape);
        Assert.True(created!.Disposed);
    }

    [Fact]
    public void AddSegmenterFamily_IsChosenByTheFamilyOption()
    {
        var services = new ServiceCollection();
        services.AddOssNet()
            .AddSegmenterFamily("unet-3d", context => new EmptyMaskSegmenter($"unet-3d/{context.Options.WeightsPath ?? "none"}"))
            .AddSegmenter("baseline", s => s.Configure(o => o.Family = "unet-3d"));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("unet-3d/none", provider.GetRequiredKeyedService<ISegmenter>("baseline").ModelName);
    }

    [Fact]
    public void WithPreprocessingTransform_SetsCustomAndIsUsed()
    {
        var transform = new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(new VolumeShape(32, 32, 16)));
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("small", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing(transform));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(PreprocessingPresets.Custom, provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("small").Preprocessing);
        Assert.NotNull(provider.GetRequiredKeyedService<ISegmenter>("small"));
    }
}
