// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.ModelFiles;
using OssNet.Sdk.TorchSharp.Models.Baselines;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>Segmenters built from model files (<c>WithModel</c>, <c>ModelPath</c>) and the built-in U-Net families.</summary>
public sealed class ModelFileSegmenterTests : IDisposable
{
    private static readonly VolumeShape s_grid = new(32, 32, 16);
    private readonly string _directory = Directory.CreateTempSubdirectory("ossnet-di-model-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task WithModel_BuildsTheFilesFamilyWithItsLabels()
    {
        var labels = new LabelSet([new(0, "background"), new(2, "a"), new(5, "b")]);
        var path = WriteOssNetModel(labels, seed: 1);
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("file", s => s.WithModel(path));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var segmenter = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("file"));
        var input = TestArchitectures.Case(new VolumeShape(30, 30, 14));
        var result = await segmenter.SegmentAsync(input, cancellationToken: Token);

        Assert.Equal(3, segmenter.Model.Options.Classes);
        Assert.Equal(labels.Labels, result.Labels.Labels);
        Assert.Equal(input.Image.Shape, result.Mask.Shape);
        Assert.All(result.Mask.Labels.ToArray().Distinct(), v => Assert.Contains(v, new byte[] { 0, 2, 5 }));
    }

    [Fact]
    public async Task ModelPath_FromConfiguration_IsEnoughAndTheThresholdTakesEffect()
    {
        var path = WriteOssNetModel(LabelSet.Binary(), seed: 2);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OssNet:Segmenters:low:ModelPath"] = path,
            ["OssNet:Segmenters:low:ThresholdProbability"] = "0.01",
            ["OssNet:Segmenters:high:ModelPath"] = path,
            ["OssNet:Segmenters:high:ThresholdProbability"] = "0.99",
        }).Build();
        var services = new ServiceCollection();
        services.AddOssNet(configuration.GetSection("OssNet")).AddSegmenter("low", _ => { }).AddSegmenter("high", _ => { });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var input = TestArchitectures.Case(new VolumeShape(30, 30, 14));

        var low = await provider.GetRequiredKeyedService<ISegmenter>("low").SegmentAsync(input, cancellationToken: Token);
        var high = await provider.GetRequiredKeyedService<ISegmenter>("high").SegmentAsync(input, cancellationToken: Token);

        Assert.True(low.Mask.CountForeground() > high.Mask.CountForeground(), $"threshold 0.01: {low.Mask.CountForeground()} voxels, 0.99: {high.Mask.CountForeground()}");
    }

    [Fact]
    public void WithModel_AndAPreset_FailsAtStartUpNamingBoth()
    {
        var path = WriteOssNetModel(LabelSet.Binary(), seed: 3);
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("both", s => s.WithModel(path).Configure(o => o.Preset = "tiny"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Segmenter 'both': ModelPath", error.Message, StringComparison.Ordinal);
        Assert.Contains("unset Preset", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.ossnet", "does not exist")]
    [InlineData("garbage.ossnet", "not a zip archive")]
    public void WithModel_BadFile_FailsAtStartUpNamingTheFile(string name, string expected)
    {
        var path = Path.Combine(_directory, name);
        if (name.StartsWith("garbage", StringComparison.Ordinal))
        {
            File.WriteAllText(path, "not a model");
        }

        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("bad", s => s.WithModel(path));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UseUNet_BuildsAUNetSegmenterOnItsGrid()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("unet", s => s.UseUNet("tiny_3d", s_grid).WithPreprocessing(PreprocessingPresets.ZScorePad));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var input = TestArchitectures.Case(new VolumeShape(30, 30, 14));

        var segmenter = Assert.IsType<UNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("unet"));
        var result = await segmenter.SegmentAsync(input, cancellationToken: Token);

        Assert.Equal(input.Image.Shape, result.Mask.Shape);
        Assert.Equal(s_grid.VoxelCount, result.Statistics.DenseGridPoints);
    }

    [Fact]
    public void UNetFamily_WithTheOtherDimensionsArchitecture_FailsAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("mixed", s => s.UseUNet(UNetPresets.Tiny3D, s_grid).Configure(o => o.Family = SegmenterOptions.UNet2DFamily));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("'unet-2d' builds a 2D U-Net, but the architecture 'tiny_3d' is 3D", error.Message, StringComparison.Ordinal);
    }

    private string WriteOssNetModel(LabelSet labels, int seed)
    {
        var architecture = TestArchitectures.Small;
        architecture.Classes = labels.Count;
        architecture.Seed = seed;
        using var model = OssNetModel.Create(architecture);
        var path = Path.Combine(_directory, $"model-{seed}.ossnet");
        ModelFile.Save(path, new ModelDescription
        {
            Family = ModelFamily.ONet,
            OssNet = architecture,
            Labels = labels,
            Grid = architecture.FullResolutionShape,
            Preprocessing = PreprocessingPresets.ZScorePad,
        }, model);
        return path;
    }
}
