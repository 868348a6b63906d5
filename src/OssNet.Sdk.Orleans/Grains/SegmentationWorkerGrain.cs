// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using OssNet.Sdk.IO;
using OssNet.Sdk.Segmentation;

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>The worker: one activation per silo and segmenter name (<c>[StatelessWorker(1)]</c>, not reentrant), holding the
/// silo's keyed <see cref="ISegmenter"/> (a DI singleton, so the model is loaded once per silo).</summary>
[StatelessWorker(1)]
internal sealed partial class SegmentationWorkerGrain(
    IServiceProvider services,
    ICaseSourceOpener opener,
    ILocalSiloDetails silo,
    ILogger<SegmentationWorkerGrain> logger) : Grain, ISegmentationWorkerGrain
{
    private ISegmenter? _segmenter;

    public async Task<CaseOutcome> SegmentAsync(CaseLease lease, CancellationToken cancellationToken)
    {
        var siloName = silo.SiloAddress.ToParsableString();
        var clock = Stopwatch.StartNew();
        try
        {
            _segmenter ??= services.GetKeyedService<ISegmenter>(lease.SegmenterName)
                ?? throw new InvalidOperationException($"Silo {siloName} has no segmenter named '{lease.SegmenterName}'.");
            var source = await opener.OpenAsync(lease.Location, cancellationToken);
            var volumeCase = await source.LoadAsync(lease.CaseId, cancellationToken);
            var result = await _segmenter.SegmentAsync(volumeCase, cancellationToken: cancellationToken);
            Directory.CreateDirectory(lease.OutputFolder);
            var maskPath = MaskFiles.PathFor(lease.OutputFolder, lease.CaseId);

            // Atomic (temporary file + rename): an attempt killed mid-write leaves the previous file or none, never half a
            // mask, and a retried case replaces the file instead of adding a second one.
            await VolumeFile.WriteAsync(maskPath, result.Mask, cancellationToken);
            MaskFiles.DeleteInterruptedWrites(maskPath);
            LogSegmented(lease.CaseId, lease.Attempt, clock.Elapsed.TotalSeconds);
            return new CaseOutcome(lease.LeaseId, siloName, maskPath, result.Mask.CountForeground(), clock.Elapsed.TotalSeconds, Error: null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new CaseOutcome(lease.LeaseId, siloName, null, 0, clock.Elapsed.TotalSeconds, "cancelled", Abandoned: true);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Reported, not thrown: the job records the reason per attempt, and any exception type crosses the wire as text.
            LogFailed(exception, lease.CaseId, lease.Attempt);
            return new CaseOutcome(lease.LeaseId, siloName, null, 0, clock.Elapsed.TotalSeconds, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Segmented {CaseId} (attempt {Attempt}) in {Seconds:F2} s")]
    private partial void LogSegmented(string caseId, int attempt, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segmenting {CaseId} (attempt {Attempt}) failed")]
    private partial void LogFailed(Exception exception, string caseId, int attempt);
}
