// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using OssNet.Sdk.DependencyInjection;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>An in-process Orleans cluster whose silos are segmentation workers with three keyed segmenters: "fake" (fast
/// threshold fake), "slow" (a fake that takes a minute unless cancelled) and "tiny" (OSS-Net tiny with a fixed seed).</summary>
internal sealed class SegmentationTestCluster : IAsyncDisposable
{
    public static readonly TimeSpan FakeDelay = TimeSpan.FromMilliseconds(150);

    private SegmentationTestCluster(InProcessTestCluster cluster, FakeSegmenterLog log)
    {
        Cluster = cluster;
        Log = log;
    }

    public InProcessTestCluster Cluster { get; }

    public FakeSegmenterLog Log { get; }

    public ISegmentationCluster Client => Cluster.Client.ServiceProvider.GetRequiredService<ISegmentationCluster>();

    /// <summary>Configures the "tiny" segmenter, also used for the single-process reference.</summary>
    public static void TinyModel(SegmenterBuilder segmenter) => segmenter
        .Configure(options =>
        {
            options.Preset = "tiny";
            options.InputChannels = 1;
            options.Seed = 7;
            options.Preprocessing = PreprocessingPresets.ZScorePad;
        })
        .Use(inner => new FixedThresholdSegmenter(inner, 0.45)); // the untrained model peaks near 0.47: non-empty masks to compare

    /// <summary>Starts <paramref name="silos"/> silos that keep jobs in memory, or in <paramref name="stateFolder"/> with
    /// <c>FileGrainStorage</c> (needed when a test stops silos: memory storage lives on one silo and dies with it).</summary>
    public static async Task<SegmentationTestCluster> StartAsync(int silos, string? stateFolder = null)
    {
        var log = new FakeSegmenterLog();
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((options, silo) =>
        {
            silo.AddOssNetSegmentation(o =>
            {
                o.PollInterval = TimeSpan.FromMilliseconds(50);
                o.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
                o.LeaseCheckInterval = TimeSpan.FromMilliseconds(200);
            });
            if (stateFolder is null)
            {
                silo.AddMemoryGrainStorage(SegmentationClusterNames.JobStorage);
            }
            else
            {
                silo.AddFileGrainStorage(stateFolder);
            }

            silo.Services.AddOssNet()
                .AddSegmenter("fake", s => s.UseFactory(_ => new FakeSegmenter(options.SiloName, FakeDelay, log)))
                .AddSegmenter("slow", s => s.UseFactory(_ => new FakeSegmenter(options.SiloName, TimeSpan.FromMinutes(1), log)))
                .AddSegmenter("tiny", TinyModel);
        });
        builder.ConfigureClientHost(host => host.Services.AddOssNetSegmentationClient());
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new SegmentationTestCluster(cluster, log);
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>Passes a fixed threshold with every call. (The segmenter's own <c>ThresholdProbability</c> option is not applied
/// when a caller passes no request: TorchSegmenter defaults to a new SegmentationRequest, whose threshold is 0.5.)</summary>
internal sealed class FixedThresholdSegmenter(ISegmenter inner, double threshold) : DelegatingSegmenter(inner)
{
    public override Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default) =>
        base.SegmentAsync(input, options ?? new SegmentationRequest { ThresholdProbability = threshold }, cancellationToken);
}
