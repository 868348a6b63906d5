// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OssNet.Sdk.Segmentation;
using OssNet.Sdk.Volumes;

namespace OssNet.Samples.HostedSegmentation;

/// <summary>A decorator (added with <c>SegmenterBuilder.Use</c>) that logs each call's wall time; disposing it disposes the inner segmenter.</summary>
internal sealed partial class TimingSegmenter(ISegmenter inner, ILogger<TimingSegmenter> logger) : DelegatingSegmenter(inner)
{
    public override async Task<SegmentationResult> SegmentAsync(VolumeCase input, SegmentationRequest? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var clock = Stopwatch.StartNew();
        var result = await base.SegmentAsync(input, options, cancellationToken).ConfigureAwait(false);
        Segmented(logger, input.Id, ModelName, clock.Elapsed.TotalMilliseconds, result.Statistics.QueriedFraction);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CaseId}: segmented by {Model} in {Milliseconds:F0} ms, {Queried:P1} of the grid queried")]
    private static partial void Segmented(ILogger logger, string caseId, string model, double milliseconds, double queried);
}
