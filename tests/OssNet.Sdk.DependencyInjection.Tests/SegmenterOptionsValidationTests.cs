// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OssNet.Sdk.DependencyInjection.Tests;

public sealed class SegmenterOptionsValidationTests
{
    public static TheoryData<string, string, string> InvalidOptions => new()
    {
        // case, the field the message must name, another fragment of the message
        { "points", "MaxPointsPerForward", "between" },
        { "threshold", "ThresholdProbability", "between" },
        { "device", "Device", "'cuda:N'" },
        { "channels", "InputChannels", "between" },
        { "family", "Family", "no segmenter family named 'nope'" },
        { "preprocessing-name", "Preprocessing", "'resize' is not one of" },
        { "preprocessing-grid", "Preprocessing", "256×256×160" },
        { "custom-without-transform", "Preprocessing", "needs a transform" },
        { "weights", "WeightsPath", "does not exist" },
        { "no-model", "Preset/Architecture", "set a preset name" },
        { "both", "Preset/Architecture", "not both" },
        { "preset", "Preset", "No OSS-Net preset is named 'oss_net_z'" },
        { "architecture", "Architecture", "LatentFeatures is 31" },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void AddSegmenter_InvalidOptions_FailsOnStartNamingSegmenterAndField(string invalid, string field, string fragment)
    {
        var services = new ServiceCollection();
        services.AddOssNet()
            .AddSegmenter("good", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad"))
            .AddSegmenter("bad", s => s.UseOssNet(TestArchitectures.Small).WithPreprocessing("zscore-pad").Configure(o => Break(o, invalid)));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var message = Assert.Single(e.Failures);
        Assert.Contains("Segmenter 'bad'", message, StringComparison.Ordinal);
        Assert.Contains(field, message, StringComparison.Ordinal);
        Assert.Contains(fragment, message, StringComparison.Ordinal);
        Assert.DoesNotContain("'good'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceOptions_InvalidDefaultDevice_FailsOnStart()
    {
        var services = new ServiceCollection();
        services.AddOssNet(o => o.DefaultDevice = "tpu");
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("DefaultDevice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidOptions_PassStartValidation()
    {
        var weights = Path.GetTempFileName();
        try
        {
            var services = new ServiceCollection();
            services.AddOssNet().AddSegmenter("ok", s => s.UseOssNet("tiny").WithPreprocessing("zscore-resample").WithWeights(weights).OnDevice("auto"));
            using var provider = services.BuildServiceProvider();

            provider.GetRequiredService<IStartupValidator>().Validate();

            Assert.Equal(weights, provider.GetRequiredService<IOptionsMonitor<SegmenterOptions>>().Get("ok").WeightsPath);
        }
        finally
        {
            File.Delete(weights);
        }
    }

    [Fact]
    public void ResolvingAnInvalidSegmenter_ThrowsTheValidationFailure()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("bad", s => s.UseOssNet("tiny").WithPreprocessing("brats2020"));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<Segmentation.ISegmenter>("bad"));

        Assert.Contains("Preprocessing", e.Message, StringComparison.Ordinal);
    }

    private static void Break(SegmenterOptions o, string invalid)
    {
        switch (invalid)
        {
            case "points": o.MaxPointsPerForward = 0; break;
            case "threshold": o.ThresholdProbability = 1; break;
            case "device": o.Device = "gpu"; break;
            case "channels": o.InputChannels = 0; break;
            case "family": o.Family = "nope"; break;
            case "preprocessing-name": o.Preprocessing = "resize"; break;
            case "preprocessing-grid": o.Preprocessing = "brats2020"; break;
            case "custom-without-transform": o.Preprocessing = "custom"; break;
            case "weights": o.WeightsPath = "/nonexistent/weights.dat"; break;
            case "no-model": o.Architecture = null; break;
            case "both": o.Preset = "tiny"; break;
            case "preset": o.Architecture = null; o.Preset = "oss_net_z"; break;
            case "architecture": o.Architecture!.LatentFeatures = 31; break;
            default: throw new ArgumentOutOfRangeException(nameof(invalid), invalid, null);
        }
    }
}
