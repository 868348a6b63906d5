// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.DependencyInjection.Tests;

/// <summary>A decorator that records the order calls pass through it and whether it was disposed.</summary>
internal sealed class RecordingSegmenter(ISegmenter inner, string label, List<string> calls) : DelegatingSegmenter(inner)
{
    public bool Disposed { get; private set; }

    public ISegmenter Inner => InnerSegmenter;

    public override string ModelName => $"{label}({base.ModelName})";

    public override Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        calls.Add(label);
        return base.SegmentAsync(input, options, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }
}

/// <summary>A stand-in for another model family (e.g. a U-Net segmenter): returns an empty mask of the input's grid.</summary>
internal sealed class EmptyMaskSegmenter(string modelName) : ISegmenter, IDisposable
{
    public string ModelName { get; } = modelName;

    public bool Disposed { get; private set; }

    public Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var statistics = new SegmentationStatistics(0, input.Image.Shape.VoxelCount, TimeSpan.Zero, null);
        return Task.FromResult(new SegmentationResult(LabelVolume.Zeros(input.Image.Geometry), null, statistics));
    }

    public void Dispose() => Disposed = true;
}
