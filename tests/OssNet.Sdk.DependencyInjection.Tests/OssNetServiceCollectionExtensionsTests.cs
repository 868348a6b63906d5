// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using OssNet.Sdk.Datasets;
using OssNet.Sdk.DependencyInjection.Training;
using OssNet.Sdk.Metrics;
using OssNet.Sdk.Sampling;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;

namespace OssNet.Sdk.DependencyInjection.Tests;

public sealed class OssNetServiceCollectionExtensionsTests
{
    [Fact]
    public void AddOssNet_CalledTwice_RegistersServicesOnce()
    {
        var once = new ServiceCollection();
        once.AddOssNet();
        var twice = new ServiceCollection();
        twice.AddOssNet();
        twice.AddOssNet(o => o.DefaultDevice = "cpu");

        // The second call only adds the Configure action it was given.
        Assert.Equal(once.Count + 1, twice.Count);
        Assert.Single(twice, d => d.ServiceType == typeof(IVolumeSourceFactory));
        Assert.Single(twice, d => d.ServiceType == typeof(SegmenterFactory) && Equals(d.ServiceKey, SegmenterOptions.OssNetFamily));
        Assert.Single(twice, d => d.ServiceType == typeof(Microsoft.Extensions.Options.IValidateOptions<SegmenterOptions>)
            && d.ImplementationType?.Name == "SegmenterOptionsCrossFieldValidator");
    }

    [Fact]
    public void AddOssNet_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddOssNet());
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddOssNet((Microsoft.Extensions.Configuration.IConfiguration)null!));
    }

    [Fact]
    public void AddSegmenter_InvalidArguments_Throw()
    {
        var builder = new ServiceCollection().AddOssNet();

        Assert.Throws<ArgumentNullException>(() => builder.AddSegmenter("a", null!));
        Assert.Throws<ArgumentException>(() => builder.AddSegmenter(" ", _ => { }));
        Assert.Throws<ArgumentNullException>(() => builder.AddSegmenter(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => builder.AddSegmenterFamily("x", null!));
    }

    [Fact]
    public void AddSegmenter_SameNameTwice_ThrowsNamingIt()
    {
        var builder = new ServiceCollection().AddOssNet().AddSegmenter("brain", s => s.UseOssNet("tiny"));

        var e = Assert.Throws<InvalidOperationException>(() => builder.AddSegmenter("brain", s => s.UseOssNet("tiny")));

        Assert.Contains("'brain'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CoreServices_HaveTheDocumentedLifetimes()
    {
        using var provider = new ServiceCollection().AddOssNet().Services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<IVolumeSourceFactory>(), provider.GetRequiredService<IVolumeSourceFactory>());
        Assert.Same(provider.GetRequiredService<ISegmentationTrainerFactory>(), provider.GetRequiredService<ISegmentationTrainerFactory>());
        Assert.NotSame(provider.GetRequiredService<ISegmentationMetric>(), provider.GetRequiredService<ISegmentationMetric>());
        Assert.NotSame(provider.GetRequiredService<MetricAggregator>(), provider.GetRequiredService<MetricAggregator>());
        Assert.IsType<UniformPointSampler>(provider.GetRequiredService<IPointSampler>());
        Assert.NotSame(provider.GetRequiredService<IPointSampler>(), provider.GetRequiredService<IPointSampler>());
        Assert.Equal(16384, provider.GetRequiredService<BorderFocusedPointSampler>().PointCount);
    }

    [Fact]
    public void PointSamplerOptions_ConfiguredInCode_ReachTheSamplers()
    {
        var services = new ServiceCollection();
        services.AddOssNet();
        services.Configure<PointSamplerOptions>(o => o.PointCount = 256);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(256, provider.GetRequiredService<IPointSampler>().PointCount);
    }

    [Fact]
    public void TrainerFactory_CreatesTrainerForTask()
    {
        using var provider = new ServiceCollection().AddOssNet().Services.BuildServiceProvider();
        using var task = new OccupancyTrainingTask(OssNetModel.Create(TestArchitectures.Small), new OccupancyTrainingOptions
        {
            Preprocessing = PreprocessingPresets.Create(PreprocessingPresets.ZScorePad, TestArchitectures.Small.FullResolutionShape),
        });

        var trainer = provider.GetRequiredService<ISegmentationTrainerFactory>().Create(task, new TrainerOptions { Epochs = 2, LearningRateMilestones = [1] });

        Assert.Equal(3e-5, trainer.LearningRateAt(2), 12);
        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<ISegmentationTrainerFactory>().Create(task, new TrainerOptions { Epochs = 0 }));
    }

    [Fact]
    public void PreprocessingPresets_CreateEndsOnTheModelGrid()
    {
        var grid = new Volumes.VolumeShape(32, 32, 16);
        var input = TestArchitectures.Case(new Volumes.VolumeShape(30, 30, 14));

        foreach (var name in new[] { PreprocessingPresets.ZScorePad, PreprocessingPresets.ZScoreResample })
        {
            Assert.Equal(grid, PreprocessingPresets.Create(name, grid).Apply(input).Case.Image.Shape);
        }

        Assert.IsType<PreprocessingPipeline>(PreprocessingPresets.Create("LITS", new Volumes.VolumeShape(8, 8, 8)));
        Assert.Contains("256×256×160", Assert.Throws<ArgumentException>(() => PreprocessingPresets.Create("brats2020", grid)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => PreprocessingPresets.Create("custom", grid));
        Assert.Throws<ArgumentException>(() => PreprocessingPresets.Create("lits", grid));
    }

    [Fact]
    public void DeviceNames_ResolveCpuAndAutoAndRejectOthers()
    {
        Assert.Equal(global::TorchSharp.DeviceType.CPU, DeviceNames.Resolve("CPU").type);
        Assert.NotNull(DeviceNames.Resolve("auto"));
        Assert.Throws<ArgumentException>(() => DeviceNames.Resolve("gpu"));
        if (!global::TorchSharp.torch.cuda.is_available())
        {
            Assert.Contains("CUDA is not available", Assert.Throws<InvalidOperationException>(() => DeviceNames.Resolve("cuda:1")).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ISegmenter_IsNotRegisteredWithoutAName()
    {
        using var provider = new ServiceCollection().AddOssNet().Services.BuildServiceProvider();

        Assert.Null(provider.GetService<ISegmenter>());
        Assert.Null(provider.GetKeyedService<ISegmenter>("missing"));
    }
}
