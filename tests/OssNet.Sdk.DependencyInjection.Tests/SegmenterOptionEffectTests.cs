// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Patches;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.Volumes;
using static TorchSharp.torch;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>
/// One test per option of <see cref="SegmenterOptions"/> and <see cref="SegmentationRequest"/>: two segmenters that differ only
/// in that option give different results, so each test fails when the option is accepted but ignored (docs/reference/option-audit.md).
/// </summary>
public sealed class SegmenterOptionEffectTests
{
    private static readonly VolumeShape s_grid = new(32, 32, 16);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary><see cref="TestArchitectures.Small"/> with every OSS-Net D part: 7³ and 14³ patches, skip encoder, encoder head.</summary>
    private static OssNetOptions SmallD
    {
        get
        {
            var options = TestArchitectures.Small;
            options.Name = "di-small-d";
            options.UseSmallPatches = true;
            options.UseLargePatches = true;
            options.UseSkipEncoder = true;
            options.UseLowResolutionHead = true;
            return options;
        }
    }

    [Fact]
    public async Task ThresholdProbability_TwoKeyedSegmentersDifferingOnlyInIt_GiveDifferentMasks()
    {
        var (low, high) = await SegmentPairAsync(o => o.ThresholdProbability = 0.2, o => o.ThresholdProbability = 0.8);

        // Each mask is its own queried probabilities cut at its own threshold (unqueried voxels have probability 0).
        Assert.True(low.Mask.CountForeground() > high.Mask.CountForeground(), $"0.2 → {low.Mask.CountForeground()}, 0.8 → {high.Mask.CountForeground()} voxels");
        Assert.Equal(CountAbove(low, 0.2), low.Mask.CountForeground());
        Assert.Equal(CountAbove(high, 0.8), high.Mask.CountForeground());
    }

    [Fact]
    public async Task RequestThresholdProbability_OverridesTheConfiguredOne_AndNullKeepsIt()
    {
        var services = new ServiceCollection();
        services.AddOssNet().AddSegmenter("s", s => s.UseOssNet(SmallD).WithPreprocessing("zscore-pad").Configure(o => o.ThresholdProbability = 0.2));
        using var provider = services.BuildServiceProvider();
        var segmenter = provider.GetRequiredKeyedService<ISegmenter>("s");
        var input = TestArchitectures.Case(s_grid);

        var configured = await segmenter.SegmentAsync(input, new SegmentationRequest { IncludeProbabilities = true }, Token);
        var overridden = await segmenter.SegmentAsync(input, new SegmentationRequest { IncludeProbabilities = true, ThresholdProbability = 0.8 }, Token);

        Assert.Equal(CountAbove(configured, 0.2), configured.Mask.CountForeground());
        Assert.Equal(CountAbove(overridden, 0.8), overridden.Mask.CountForeground());
        Assert.NotEqual(configured.Mask.CountForeground(), overridden.Mask.CountForeground());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => segmenter.SegmentAsync(input, new SegmentationRequest { ThresholdProbability = 1.5 }, Token));
    }

    [Fact]
    public async Task RequestIncludeProbabilities_ControlsWhetherTheResultCarriesThem()
    {
        var (with, without) = await SegmentPairAsync(_ => { }, _ => { }, new SegmentationRequest { IncludeProbabilities = true }, new SegmentationRequest());

        Assert.NotNull(with.Probabilities);
        Assert.Null(without.Probabilities);
    }

    [Fact]
    public async Task UseEncoderPrior_OnAModelWithTheHead_ChangesThePointsQueried()
    {
        var (prior, dense) = await SegmentPairAsync(o => o.UseEncoderPrior = true, o => o.UseEncoderPrior = false);

        Assert.NotEqual(prior.Statistics.PointsQueried, dense.Statistics.PointsQueried);
    }

    [Fact]
    public async Task RequestUseEncoderPrior_OverridesTheConfiguredOne()
    {
        var (configured, overridden) = await SegmentPairAsync(
            o => o.UseEncoderPrior = true, o => o.UseEncoderPrior = true, new SegmentationRequest(), new SegmentationRequest { UseEncoderPrior = false });

        Assert.NotEqual(configured.Statistics.PointsQueried, overridden.Statistics.PointsQueried);
    }

    [Fact]
    public async Task LargePatchPooling_MaxAndAverage_GiveDifferentProbabilities()
    {
        var (average, max) = await SegmentPairAsync(o => o.LargePatchPooling = LargePatchPooling.Average, o => o.LargePatchPooling = LargePatchPooling.Max);

        Assert.NotEqual(Probabilities(average), Probabilities(max));
    }

    [Fact]
    public async Task Preprocessing_ZScoreAndNone_GiveDifferentProbabilities()
    {
        var (zscore, none) = await SegmentPairAsync(o => o.Preprocessing = "zscore-pad", o => o.Preprocessing = "none");

        Assert.NotEqual(Probabilities(zscore), Probabilities(none));
    }

    [Fact]
    public async Task Seed_TwoSeeds_GiveDifferentInitialWeights()
    {
        var (one, two) = await SegmentPairAsync(o => o.Seed = 1, o => o.Seed = 2);

        Assert.NotEqual(Probabilities(one), Probabilities(two));
    }

    [Fact]
    public async Task WeightsPath_LoadsTheFileOverTheSeededWeights()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("ossnet-di-weights-").FullName, "w.safetensors");
        try
        {
            var donor = SmallD;
            donor.Seed = 11;
            using (var model = OssNetModel.Create(donor))
            {
                model.SaveWeights(path);
            }

            var (loaded, seeded) = await SegmentPairAsync(o => o.WeightsPath = path, _ => { });
            var (reference, _) = await SegmentPairAsync(o => o.Seed = 11, _ => { });

            Assert.Equal(Probabilities(reference), Probabilities(loaded));
            Assert.NotEqual(Probabilities(seeded), Probabilities(loaded));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void InputChannels_OverridesTheArchitecture()
    {
        using var provider = Provider(o => o.InputChannels = 3, _ => { });

        Assert.Equal(3, Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("a")).Model.InputChannels);
        Assert.Equal(1, Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>("b")).Model.InputChannels);
    }

    [Fact]
    public void Device_Cuda_IsResolvedAndRejectedOnAMachineWithoutCuda()
    {
        Assert.SkipWhen(cuda.is_available(), "CUDA is available here; the CPU-only rejection cannot be observed.");
        var services = new ServiceCollection();
        services.AddOssNet(o => o.DefaultDevice = "cpu").AddSegmenter("gpu", s => s.UseOssNet(SmallD).WithPreprocessing("zscore-pad").Configure(o => o.Device = "cuda"));
        using var provider = services.BuildServiceProvider();

        var e = Assert.ThrowsAny<Exception>(() => provider.GetRequiredKeyedService<ISegmenter>("gpu"));

        Assert.Contains("cuda", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MaxPointsPerForward_BoundsThePointsOfEachDecoderCall()
    {
        using var provider = Provider(o => o.MaxPointsPerForward = 1000, o => o.MaxPointsPerForward = 1 << 20);
        var input = TestArchitectures.Case(s_grid);
        var largest = new List<long>();
        foreach (var name in new[] { "a", "b" })
        {
            var segmenter = Assert.IsType<OssNetSegmenter>(provider.GetRequiredKeyedService<ISegmenter>(name));
            long most = 0;
            var hook = segmenter.Model.Decoder.register_forward_pre_hook((_, coordinates, patches, latents) =>
            {
                most = Math.Max(most, coordinates.shape[1]);
                return null;
            });
            await segmenter.SegmentAsync(input, new SegmentationRequest { UseEncoderPrior = false }, Token);
            hook.remove();
            largest.Add(most);
        }

        Assert.Equal(1000, largest[0]);
        Assert.True(largest[1] > 1000, $"the unbounded segmenter's largest call had {largest[1]} points");
    }

    private static ServiceProvider Provider(Action<SegmenterOptions> a, Action<SegmenterOptions> b)
    {
        var services = new ServiceCollection();
        services.AddOssNet()
            .AddSegmenter("a", s => s.UseOssNet(SmallD).WithPreprocessing("zscore-pad").Configure(a))
            .AddSegmenter("b", s => s.UseOssNet(SmallD).WithPreprocessing("zscore-pad").Configure(b));
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>Two keyed segmenters in one container, configured alike but for <paramref name="a"/> / <paramref name="b"/>, segment the same cube.</summary>
    private static async Task<(SegmentationResult A, SegmentationResult B)> SegmentPairAsync(
        Action<SegmenterOptions> a, Action<SegmenterOptions> b, SegmentationRequest? requestA = null, SegmentationRequest? requestB = null)
    {
        using var provider = Provider(a, b);
        var input = TestArchitectures.Case(s_grid);
        var first = await provider.GetRequiredKeyedService<ISegmenter>("a").SegmentAsync(input, requestA ?? new SegmentationRequest { IncludeProbabilities = true }, Token);
        var second = await provider.GetRequiredKeyedService<ISegmenter>("b").SegmentAsync(input, requestB ?? new SegmentationRequest { IncludeProbabilities = true }, Token);
        return (first, second);
    }

    private static float[] Probabilities(SegmentationResult result) =>
        (result.Probabilities ?? throw new InvalidOperationException("The result has no probabilities.")).Voxels.ToArray();

    private static long CountAbove(SegmentationResult result, double threshold) => Probabilities(result).LongCount(p => p > threshold);
}
