// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection.Tests;

public sealed class SegmenterConfigurationTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Options_BindFromTheHostConfigurationSection()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(
            ("OssNet:Segmenters:brain:Preset", "tiny"),
            ("OssNet:Segmenters:brain:InputChannels", "4"),
            ("OssNet:Segmenters:brain:Preprocessing", "zscore-pad"),
            ("OssNet:Segmenters:brain:MaxPointsPerForward", "2048"),
            ("OssNet:Segmenters:brain:ThresholdProbability", "0.4"),
            ("OssNet:Segmenters:brain:LargePatchPooling", "Max"),
            ("OssNet:Segmenters:brain:UseEncoderPrior", "false")));
        services.AddOssNet().AddSegmenter("brain", _ => { });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var options = provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("brain");
        var segmenter = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("brain"));

        Assert.Equal("tiny", options.Preset);
        Assert.Equal(2048, options.MaxPointsPerForward);
        Assert.Equal(0.4, options.ThresholdProbability);
        Assert.Equal(LargePatchPooling.Max, options.LargePatchPooling);
        Assert.False(options.UseEncoderPrior);
        Assert.Equal(4, segmenter.Model.InputChannels);
    }

    [Fact]
    public void Architecture_BindsListsAndShapesReplacingTheDefaults()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(
            ("OssNet:Segmenters:custom:Preprocessing", "zscore-pad"),
            ("OssNet:Segmenters:custom:Architecture:Name", "from-config"),
            ("OssNet:Segmenters:custom:Architecture:InputChannels", "1"),
            ("OssNet:Segmenters:custom:Architecture:LatentFeatures", "32"),
            ("OssNet:Segmenters:custom:Architecture:EncoderChannels:0", "2"),
            ("OssNet:Segmenters:custom:Architecture:EncoderChannels:1", "4"),
            ("OssNet:Segmenters:custom:Architecture:EncoderInputShape:X", "16"),
            ("OssNet:Segmenters:custom:Architecture:EncoderInputShape:Y", "16"),
            ("OssNet:Segmenters:custom:Architecture:EncoderInputShape:Z", "8"),
            ("OssNet:Segmenters:custom:Architecture:DecoderWidths:0", "16"),
            ("OssNet:Segmenters:custom:Architecture:UseSmallPatches", "false"),
            ("OssNet:Segmenters:custom:Architecture:FullResolutionShape:X", "32"),
            ("OssNet:Segmenters:custom:Architecture:FullResolutionShape:Y", "32"),
            ("OssNet:Segmenters:custom:Architecture:FullResolutionShape:Z", "16")));
        services.AddOssNet().AddSegmenter("custom", _ => { });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var architecture = provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("custom").Architecture!;
        var model = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("custom")).Model;

        Assert.Equal([2, 4], architecture.EncoderChannels);
        Assert.Equal([16], architecture.DecoderWidths);
        Assert.Equal(new VolumeShape(16, 16, 8), architecture.EncoderInputShape);
        Assert.Equal(new VolumeShape(32, 32, 16), model.FullResolutionShape);
        Assert.Equal("from-config", model.Options.Name);
    }

    [Fact]
    public void Configuration_OverridesCodeDefaults()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(("OssNet:Segmenters:small:MaxPointsPerForward", "4096")));
        services.AddOssNet().AddSegmenter("small", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad").Configure(o => o.MaxPointsPerForward = 100));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(4096, provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("small").MaxPointsPerForward);
    }

    [Fact]
    public void UnknownKey_FailsOnStartNamingIt()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(("OssNet:Segmenters:brain:Preset", "tiny"), ("OssNet:Segmenters:brain:Preprocesing", "none")));
        services.AddOssNet().AddSegmenter("brain", _ => { });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Preprocesing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnconvertibleValue_FailsOnStartNamingTheKey()
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(("OssNet:Segmenters:brain:Preset", "tiny"), ("OssNet:Segmenters:brain:MaxPointsPerForward", "many")));
        services.AddOssNet().AddSegmenter("brain", _ => { });
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("MaxPointsPerForward", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOssNetWithSection_BindsServiceOptionsAndSegmentersBelowIt()
    {
        var configuration = Configuration(
            ("Imaging:DefaultDevice", "auto"),
            ("Imaging:MaxVoxelsPerFile", "1000"),
            ("Imaging:Segmenters:a:Preset", "tiny_o_net"),
            ("Imaging:Segmenters:a:Preprocessing", "zscore-resample"));
        var services = new ServiceCollection();
        services.AddOssNet(configuration.GetSection("Imaging")).AddSegmenter("a", _ => { });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var serviceOptions = provider.GetRequiredService<IOptions<OssNetServiceOptions>>().Value;

        Assert.Equal("auto", serviceOptions.DefaultDevice);
        Assert.Equal(1000, serviceOptions.ToReadOptions().MaxVoxels);
        Assert.Equal("tiny_o_net", provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("a").Preset);
    }

    [Fact]
    public void BindConfiguration_UsesTheGivenSection()
    {
        var configuration = Configuration(("Models:Liver:Preset", "tiny_o_net"), ("Models:Liver:Preprocessing", "none"));
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("liver", s => s.BindConfiguration(configuration.GetSection("Models:Liver")));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("liver");

        Assert.Equal("tiny_o_net", options.Preset);
        Assert.Equal("none", options.Preprocessing);
    }
}
