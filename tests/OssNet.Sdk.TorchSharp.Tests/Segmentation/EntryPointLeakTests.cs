// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Datasets;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.TorchSharp.Interop;
using OssNet.Sdk.TorchSharp.Models.OssNet;
using OssNet.Sdk.TorchSharp.Segmentation;
using OssNet.Sdk.TorchSharp.Tests.Training;
using OssNet.Sdk.TorchSharp.Training;
using OssNet.Sdk.Transforms;
using OssNet.Sdk.Volumes;
using TorchSharp;

namespace OssNet.Sdk.TorchSharp.Tests.Segmentation;

/// <summary>
/// Many <see cref="ISegmenter.SegmentAsync"/> calls and training epochs leave the number of live tensors where it was and the
/// resident memory flat. <c>SegmentAsync</c> runs on thread-pool threads, so tensors are counted process-wide
/// (<c>Tensor.TotalCount</c>); the class runs alone so that no other test creates tensors meanwhile.
/// </summary>
[Collection(nameof(GlobalGeneratorUsers))]
public sealed class EntryPointLeakTests(ITestOutputHelper output)
{
    /// <summary>Resident memory may grow this much after warm-up (allocator caches, JIT, GC heap sizing); a leak of one
    /// 32×32×16 probability grid per call would add 2 MB per 1,000 calls, and of the model's activations far more.</summary>
    private const long RssToleranceBytes = 48L << 20;

    private static readonly VolumeShape s_grid = SmallOssNet.Grid;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public Task SegmentAsync_100Calls_LeaveNoTensorsAndFlatMemory() => SegmentManyAsync(100);

    [Fact]
    [Trait("Category", "Slow")]
    public Task SegmentAsync_1000Calls_LeaveNoTensorsAndFlatMemory() => SegmentManyAsync(1000);

    [Fact]
    public async Task TrainingEpochs_LeaveNoTensorsAndFlatMemory()
    {
        var source = new InMemoryVolumeSource("cubes", Enumerable.Range(0, 4).Select(i => SmallOssNet.Cube($"cube-{i}", seed: i)));
        using var task = new OccupancyTrainingTask(OssNetModel.Create(SmallOssNet.Options()), new OccupancyTrainingOptions
        {
            Preprocessing = new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(s_grid)),
            PointsPerVolume = 1024,
            BorderShare = 0.5,
            ValidationPointsPerVolume = 2048,
        });
        var options = new TrainerOptions { Epochs = 1, BatchSize = 2, Seed = 3, ValidateEveryEpochs = 1 };
        await new SegmentationTrainer(task, options).TrainAsync(source, source, cancellationToken: Token); // warm-up
        var (tensors, _) = Measure();
        options.Epochs = 2;
        await new SegmentationTrainer(task, options).TrainAsync(source, source, cancellationToken: Token);
        var (_, rss) = Measure();

        await new SegmentationTrainer(task, options).TrainAsync(source, source, cancellationToken: Token);

        AssertFlat(tensors, rss, "4 training epochs with validation (resident memory over the last 2)");
    }

    private async Task SegmentManyAsync(int calls)
    {
        using var segmenter = new OssNetSegmenter(OssNetModel.Create(SmallOssNet.Options()), new OssNetSegmenterOptions
        {
            Preprocessing = new PreprocessingPipeline(new ZScoreNormalization(), new PadOrCropToShape(s_grid)),
        });
        var input = SmallOssNet.Cube("cube", seed: 1);
        var request = new SegmentationRequest { IncludeProbabilities = true };
        for (var i = 0; i < 10; i++)
        {
            await segmenter.SegmentAsync(input, request, Token);
        }

        // Resident memory is compared between the two halves of the run: what the process sets up once (thread-pool
        // threads and libtorch's per-thread state, JIT) lands in the first half, while a per-call leak grows both alike.
        var (tensors, _) = Measure();
        await CallAsync(calls / 2);
        var (_, rss) = Measure();
        await CallAsync(calls - (calls / 2));

        AssertFlat(tensors, rss, $"{calls} SegmentAsync calls (resident memory over the last {calls - (calls / 2)})");

        async Task CallAsync(int count)
        {
            for (var i = 0; i < count; i++)
            {
                // Alternate the per-call options so that both inferers (configured and per-request) are exercised.
                await segmenter.SegmentAsync(input, i % 2 == 0 ? request : new SegmentationRequest { ThresholdProbability = 0.3, UseEncoderPrior = false }, Token);
            }
        }
    }

    private static (long Tensors, long Rss) Measure()
    {
        Settle();
        return (torch.Tensor.TotalCount, ProcessMemory.CurrentResidentBytes());
    }

    // Tests may force a collection (the libraries may not): it finalises managed garbage, compacts the GC heap and hands
    // freed native heap pages back to the system (glibc keeps them otherwise), so resident memory is compared like for like.
    private static void Settle()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            _ = MallocTrim(0); // 1 if memory was released; either way the reading that follows is what counts
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private void AssertFlat(long tensorsBefore, long rssBefore, string what)
    {
        // Counted before any forced collection: a tensor nobody disposed is still alive here (the finaliser is not a owner).
        var tensorsAfter = torch.Tensor.TotalCount;
        Settle();
        var rssAfter = ProcessMemory.CurrentResidentBytes();
        output.WriteLine($"{what}: live tensors {tensorsBefore} → {tensorsAfter}; resident {rssBefore >> 20} → {rssAfter >> 20} MB");

        Assert.True(tensorsAfter <= tensorsBefore, $"{what} left {tensorsAfter - tensorsBefore} more live tensor(s) ({tensorsBefore} → {tensorsAfter}).");
        Assert.True(rssAfter - rssBefore < RssToleranceBytes, $"{what}: resident memory grew by {(rssAfter - rssBefore) >> 20} MB ({rssBefore >> 20} → {rssAfter >> 20} MB).");
    }
}
