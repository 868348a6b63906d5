// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using OssNet.Sdk.Volumes;

namespace OssNet.Sdk.Segmentation;

/// <summary>
/// Base class of segmenter decorators (logging, timing, caching, test-time augmentation): every call is passed to
/// <see cref="InnerSegmenter"/> unless overridden.
/// </summary>
/// <remarks>
/// A decorator <b>owns</b> its inner segmenter: disposing the decorator disposes the inner one, so a chain built by
/// dependency injection is released by disposing its outermost segmenter (the one the container holds).
/// </remarks>
public abstract class DelegatingSegmenter : ISegmenter, IDisposable
{
    private bool _disposed;

    /// <summary>Initializes the decorator; it takes ownership of <paramref name="innerSegmenter"/>.</summary>
    /// <param name="innerSegmenter">The segmenter calls are passed to.</param>
    protected DelegatingSegmenter(ISegmenter innerSegmenter)
    {
        ArgumentNullException.ThrowIfNull(innerSegmenter);
        InnerSegmenter = innerSegmenter;
    }

    /// <summary>Gets the segmenter calls are passed to.</summary>
    protected ISegmenter InnerSegmenter { get; }

    /// <inheritdoc />
    public virtual string ModelName => InnerSegmenter.ModelName;

    /// <inheritdoc />
    public virtual Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default) =>
        InnerSegmenter.SegmentAsync(input, options, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes the inner segmenter when <paramref name="disposing"/>; override to release the decorator's own resources (call the base).</summary>
    /// <param name="disposing">True when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            (InnerSegmenter as IDisposable)?.Dispose();
        }
    }
}
