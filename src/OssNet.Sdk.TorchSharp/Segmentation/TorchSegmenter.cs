// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.TorchSharp.Segmentation;

/// <summary>
/// The common shell of the SDK's segmenters: calls on one model are serialised, and each call's tensor work runs
/// synchronously on one thread-pool thread (TorchSharp's dispose scopes are thread-static, so no scope may span an await).
/// </summary>
public abstract class TorchSegmenter : ISegmenter, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    /// <inheritdoc />
    public abstract string ModelName { get; }

    /// <inheritdoc />
    public async Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (options?.ThresholdProbability is { } threshold && !(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), threshold, $"SegmentationRequest.ThresholdProbability = {threshold} is outside (0, 1).");
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(() => Segment(input, options ?? new SegmentationRequest(), cancellationToken), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Segments synchronously on the calling thread (what <see cref="SegmentAsync"/> runs).</summary>
    /// <param name="input">The case; its label is ignored.</param>
    /// <param name="request">Per-call options.</param>
    /// <param name="cancellationToken">Checked between inference chunks or windows.</param>
    public abstract SegmentationResult Segment(VolumeCase input, SegmentationRequest request, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Dispose(true);
        _gate.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the model when <paramref name="disposing"/>.</summary>
    protected abstract void Dispose(bool disposing);
}
