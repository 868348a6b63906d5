// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OssNet.Sdk.Orleans.Grains;
using OssNet.Sdk.Segmentation;

namespace OssNet.Sdk.Orleans.Silo;

/// <summary>
/// Runs on every silo: for each segmenter name that running jobs need and this silo holds, one loop leases a case from a job,
/// has the local worker grain segment it while sending heartbeats, and reports the outcome. One loop per name, one case at a
/// time: the silo's single model instance is never asked for two cases at once.
/// </summary>
internal sealed partial class CaseDispatcher(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    IServiceProvider services,
    IOptions<SegmentationSiloOptions> options,
    ILogger<CaseDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, Task> _loops = new(StringComparer.Ordinal);

    private string SiloName => silo.SiloAddress.ToParsableString();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var holds = services.GetRequiredService<IServiceProviderIsKeyedService>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var name in (await RunningJobsAsync()).Select(j => j.SegmenterName).Distinct(StringComparer.Ordinal))
                {
                    if (holds.IsKeyedService(typeof(ISegmenter), name) && (!_loops.TryGetValue(name, out var loop) || loop.IsCompleted))
                    {
                        _loops[name] = Task.Run(() => RunSegmenterAsync(name, stoppingToken), CancellationToken.None);
                    }
                }

                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(_loops.Values);
    }

    /// <summary>Leases and segments cases for one segmenter until no running job needs it.</summary>
    private async Task RunSegmenterAsync(string segmenterName, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var jobs = (await RunningJobsAsync()).Where(j => j.SegmenterName == segmenterName).ToList();
            if (jobs.Count == 0)
            {
                return;
            }

            CaseLease? lease = null;
            foreach (var entry in jobs)
            {
                (_, lease) = await TryAsync(() => grains.GetGrain<ISegmentationJobGrain>(entry.JobId).LeaseAsync(SiloName), "lease");
                if (lease is not null)
                {
                    break;
                }
            }

            if (lease is null)
            {
                try
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            await SegmentAsync(lease, stoppingToken);
        }
    }

    private async Task SegmentAsync(CaseLease lease, CancellationToken stoppingToken)
    {
        var job = grains.GetGrain<ISegmentationJobGrain>(lease.JobId);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(job, lease, attempt);
        CaseOutcome outcome;
        try
        {
            outcome = await grains.GetGrain<ISegmentationWorkerGrain>(lease.SegmenterName).SegmentAsync(lease, attempt.Token);
            if (outcome.Abandoned && stoppingToken.IsCancellationRequested)
            {
                outcome = outcome with { Error = "silo stopping" };
            }
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            outcome = attempt.IsCancellationRequested
                ? new CaseOutcome(lease.LeaseId, SiloName, null, 0, 0, stoppingToken.IsCancellationRequested ? "silo stopping" : "cancelled", Abandoned: true)
                : new CaseOutcome(lease.LeaseId, SiloName, null, 0, 0, $"{exception.GetType().Name}: {exception.Message}");
        }

        await attempt.CancelAsync();
        await heartbeat;

        // The job may be moving to another silo right now: retry the report a few times. If every try fails, the job takes the
        // case back when its lease times out, and the retry overwrites the same mask file.
        for (var i = 0; i < 5; i++)
        {
            if ((await TryAsync(() => job.ReportAsync(outcome), "report")).Ok)
            {
                return;
            }

            await Task.Delay(options.Value.PollInterval, CancellationToken.None);
        }
    }

    /// <summary>Renews the lease until the attempt ends; cancels the attempt when the job says the lease is no longer valid
    /// (cancelled job, or case taken back).</summary>
    private async Task HeartbeatAsync(ISegmentationJobGrain job, CaseLease lease, CancellationTokenSource attempt)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.HeartbeatInterval, attempt.Token);
                var (answered, valid) = await TryAsync(() => job.RenewAsync(lease.LeaseId), "heartbeat");
                if (answered && !valid)
                {
                    LogLeaseRevoked(lease.CaseId);
                    await attempt.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<IReadOnlyList<JobEntry>> RunningJobsAsync() =>
        (await TryAsync(() => grains.GetGrain<ISegmentationJobDirectoryGrain>(0).ListAsync(runningOnly: true), "list jobs")).Value ?? [];

    /// <summary>Calls the cluster, logging instead of throwing: a grain whose silo just died answers again once it moves.</summary>
    private async Task<(bool Ok, T? Value)> TryAsync<T>(Func<Task<T>> call, string what)
    {
        try
        {
            return (true, await call());
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogCallFailed(exception, what);
            return (false, default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What}; retrying")]
    private partial void LogCallFailed(Exception exception, string what);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping {CaseId}: its lease is no longer valid (job cancelled or case taken back)")]
    private partial void LogLeaseRevoked(string caseId);
}
