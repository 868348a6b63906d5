// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Collections.Concurrent;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Orleans.Tests;

/// <summary>What every silo's fake segmenter shares with the test: the calls it saw (silo, case), and which cases it fails.</summary>
internal sealed class FakeSegmenterLog
{
    public ConcurrentQueue<(string Silo, string CaseId)> Started { get; } = new();

    public ConcurrentQueue<(string Silo, string CaseId)> Finished { get; } = new();

    public ConcurrentQueue<(string Silo, string CaseId)> CancelledCalls { get; } = new();

    public int CountStarted(string caseId) => Started.Count(c => c.CaseId == caseId);
}

/// <summary>A stand-in model where the model is not the point: voxels above the image mean are foreground. It waits
/// <paramref name="delay"/> per case (observing cancellation), throws for case ids containing "bad", and hangs until
/// cancelled on the first attempt of a case id containing "hang" (a silo to kill mid-case).</summary>
internal sealed class FakeSegmenter(string silo, TimeSpan delay, FakeSegmenterLog log) : ISegmenter
{
    public const string FailureMessage = "this scan is unreadable by design";

    public string ModelName => "threshold at the mean (test fake)";

    public static LabelVolume ExpectedMask(Volume image)
    {
        var voxels = image.Channel(0).Span;
        var mean = 0.0;
        foreach (var v in voxels)
        {
            mean += v;
        }

        mean /= voxels.Length;
        var labels = new byte[voxels.Length];
        for (var i = 0; i < voxels.Length; i++)
        {
            labels[i] = voxels[i] > mean ? (byte)1 : (byte)0;
        }

        return new LabelVolume(image.Geometry, labels);
    }

    public async Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        log.Started.Enqueue((silo, input.Id));
        var hang = input.Id.Contains("hang", StringComparison.Ordinal) && log.CountStarted(input.Id) == 1;
        try
        {
            await Task.Delay(hang ? Timeout.InfiniteTimeSpan : delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            log.CancelledCalls.Enqueue((silo, input.Id));
            throw;
        }

        if (input.Id.Contains("bad", StringComparison.Ordinal))
        {
            throw new InvalidDataException(FailureMessage);
        }

        log.Finished.Enqueue((silo, input.Id));
        var mask = ExpectedMask(input.Image);
        return new SegmentationResult(mask, null, new SegmentationStatistics(0, input.Image.Shape.VoxelCount, delay, null));
    }
}
