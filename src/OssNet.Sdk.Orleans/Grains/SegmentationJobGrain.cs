// Copyright (c) OssNet.Sdk contributors. Licensed under the MIT License.

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace OssNet.Sdk.Orleans.Grains;

/// <summary>
/// A segmentation job. Workers pull cases from it (<see cref="LeaseAsync"/>), keep their leases alive with heartbeats
/// (<see cref="RenewAsync"/>) and report outcomes (<see cref="ReportAsync"/>). A case is taken back and handed to another silo
/// when its attempt fails, when the cluster declares the worker's silo dead, or when the worker falls silent for
/// <see cref="SegmentationJobOptions.LeaseTimeout"/>; after <see cref="SegmentationJobOptions.MaxAttempts"/> it fails with the
/// reasons. Every transition is persisted before it is acknowledged, so the job survives the loss of its own silo.
/// </summary>
/// <remarks>Why workers pull instead of the job pushing: a stateless worker is always activated on the calling silo, so a job
/// can only reach the workers of other silos by being asked. Pulling also balances by construction: a faster silo asks more often.</remarks>
internal sealed partial class SegmentationJobGrain(
    [PersistentState("job", SegmentationClusterNames.JobStorage)] IPersistentState<SegmentationJobRecord> job,
    ICaseSourceOpener opener,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<SegmentationSiloOptions> siloOptions,
    TimeProvider time,
    ILogger<SegmentationJobGrain> logger) : Grain, ISegmentationJobGrain
{
    // Not persisted: after a move every running lease gets a full timeout from the new activation's start.
    private readonly Dictionary<string, DateTimeOffset> _leaseDeadlines = [];
    private readonly Dictionary<string, DateTimeOffset> _workersSeen = [];
    private string? _jobId;

    private SegmentationJobRecord Record => job.State;

    private string JobId => _jobId ??= this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record.Manifest is not null && Record.State == SegmentationJobState.Running)
        {
            var deadline = time.GetUtcNow() + Record.Options.LeaseTimeout;
            foreach (var running in Record.Cases.Where(c => c.State == SegmentationCaseState.Running))
            {
                _leaseDeadlines[running.LeaseId!] = deadline;
            }

            StartLeaseChecks();
        }

        return Task.CompletedTask;
    }

    public async Task<SegmentationJobStatus> StartAsync(SegmentationManifest manifest, string outputFolder, string segmenterName, SegmentationJobOptions options)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(manifest.Location);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(segmenterName);
        ArgumentNullException.ThrowIfNull(options);
        if (Record.Manifest is not null)
        {
            return ToStatus(includeCases: false);
        }

        options.Validate();
        if (!Path.IsPathFullyQualified(outputFolder))
        {
            throw new ArgumentException($"The output folder '{outputFolder}' must be an absolute path: every silo writes to it.", nameof(outputFolder));
        }

        var source = await opener.OpenAsync(manifest.Location, CancellationToken.None);
        var caseIds = SelectCases(manifest, source.CaseIds);
        Record.Manifest = manifest;
        Record.OutputFolder = outputFolder;
        Record.SegmenterName = segmenterName;
        Record.Options = options;
        Record.State = SegmentationJobState.Running;
        Record.CreatedAt = time.GetUtcNow();
        Record.Cases = [.. caseIds.Select(id => new CaseRecord { CaseId = id })];
        await job.WriteStateAsync();
        await GrainFactory.GetGrain<ISegmentationJobDirectoryGrain>(0).RegisterAsync(JobId, segmenterName, Record.CreatedAt);
        var jobId = JobId;
        LogStarted(jobId, caseIds.Count, manifest.Location);
        StartLeaseChecks();
        return ToStatus(includeCases: false);
    }

    public async Task<CaseLease?> LeaseAsync(string silo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(silo);
        if (Record.State != SegmentationJobState.Running)
        {
            return null;
        }

        var now = time.GetUtcNow();
        _workersSeen[silo] = now;
        await TakeBackLostCasesAsync();
        var pending = Record.Cases.Where(c => c.State == SegmentationCaseState.Pending).ToList();
        var liveWorkers = _workersSeen.Where(w => now - w.Value < Record.Options.LeaseTimeout && IsAlive(w.Key)).Select(w => w.Key).ToList();

        // Another silo first: a case that failed here waits for a silo that has not tried it, unless every live worker has.
        var next = pending.FirstOrDefault(c => !c.FailedOn.Contains(silo))
            ?? pending.FirstOrDefault(c => liveWorkers.All(c.FailedOn.Contains));
        if (next is null)
        {
            return null;
        }

        next.State = SegmentationCaseState.Running;
        next.Attempts++;
        next.LeaseId = Guid.NewGuid().ToString("N");
        next.Silo = silo;
        await job.WriteStateAsync();
        _leaseDeadlines[next.LeaseId] = now + Record.Options.LeaseTimeout;
        return new CaseLease(JobId, next.LeaseId, next.CaseId, next.Attempts, Record.Manifest!.Location, Record.OutputFolder, Record.SegmenterName);
    }

    public Task<bool> RenewAsync(string leaseId)
    {
        var running = FindRunning(leaseId);
        if (running is null)
        {
            return Task.FromResult(false);
        }

        _leaseDeadlines[leaseId] = time.GetUtcNow() + Record.Options.LeaseTimeout;
        _workersSeen[running.Silo!] = time.GetUtcNow();
        return Task.FromResult(true);
    }

    public async Task<bool> ReportAsync(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var running = FindRunning(outcome.LeaseId);
        if (running is null)
        {
            return false; // a stale attempt: the case was taken back, cancelled, or already ended
        }

        _leaseDeadlines.Remove(outcome.LeaseId);
        if (outcome.Succeeded)
        {
            running.State = SegmentationCaseState.Succeeded;
            running.LeaseId = null;
            running.MaskPath = outcome.MaskPath;
            running.ForegroundVoxels = outcome.ForegroundVoxels;
            running.Seconds = outcome.Seconds;
        }
        else
        {
            Retry(running, outcome.Silo, outcome.Abandoned ? $"abandoned ({outcome.Error})" : outcome.Error ?? "failed");
        }

        FinishIfDone();
        await job.WriteStateAsync();
        await NotifyDirectoryIfFinishedAsync();
        return true;
    }

    public async Task<bool> CancelAsync()
    {
        if (Record.Manifest is null || Record.State != SegmentationJobState.Running)
        {
            return false;
        }

        foreach (var open in Record.Cases.Where(c => !c.IsFinal))
        {
            open.State = SegmentationCaseState.Cancelled;
            open.LeaseId = null; // running workers learn it from their next heartbeat and stop
        }

        _leaseDeadlines.Clear();
        Record.State = SegmentationJobState.Cancelled;
        Record.FinishedAt = time.GetUtcNow();
        await job.WriteStateAsync();
        await NotifyDirectoryIfFinishedAsync();
        var jobId = JobId;
        LogCancelled(jobId);
        return true;
    }

    public Task<SegmentationJobStatus> GetStatusAsync(bool includeCases)
    {
        if (Record.Manifest is null)
        {
            throw new KeyNotFoundException($"No segmentation job has the id '{JobId}'.");
        }

        return Task.FromResult(ToStatus(includeCases));
    }

    private static List<string> SelectCases(SegmentationManifest manifest, IReadOnlyList<string> available)
    {
        if (available.Count == 0)
        {
            throw new ArgumentException($"'{manifest.Location}' holds no case.", nameof(manifest));
        }

        if (manifest.CaseIds is null)
        {
            return [.. available];
        }

        var known = available.ToHashSet(StringComparer.Ordinal);
        var unknown = manifest.CaseIds.Where(id => !known.Contains(id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"'{manifest.Location}' has no case(s) {string.Join(", ", unknown.Take(5))}{(unknown.Count > 5 ? ", …" : "")}.", nameof(manifest));
        }

        return manifest.CaseIds.Count > 0
            ? [.. manifest.CaseIds.Distinct(StringComparer.Ordinal)]
            : throw new ArgumentException("The manifest lists no case.", nameof(manifest));
    }

    private void StartLeaseChecks() =>
        this.RegisterGrainTimer(
            _ => TakeBackLostCasesAsync(),
            new GrainTimerCreationOptions(siloOptions.Value.LeaseCheckInterval, siloOptions.Value.LeaseCheckInterval) { KeepAlive = true });

    /// <summary>Takes back cases whose worker's silo the cluster declared dead, or whose worker fell silent.</summary>
    private async Task TakeBackLostCasesAsync()
    {
        if (Record.State != SegmentationJobState.Running)
        {
            return;
        }

        var now = time.GetUtcNow();
        var changed = false;
        foreach (var running in Record.Cases.Where(c => c.State == SegmentationCaseState.Running))
        {
            string? reason = null;
            if (!IsAlive(running.Silo!))
            {
                reason = $"lost: silo {running.Silo} is {membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(running.Silo!))}";
            }
            else if (_leaseDeadlines.TryGetValue(running.LeaseId!, out var deadline) && now > deadline)
            {
                reason = $"lost: no heartbeat for {Record.Options.LeaseTimeout.TotalSeconds:0.#} s";
            }

            if (reason is not null)
            {
                _leaseDeadlines.Remove(running.LeaseId!);
                LogLost(running.CaseId, reason);
                Retry(running, running.Silo!, reason);
                changed = true;
            }
        }

        if (changed)
        {
            FinishIfDone();
            await job.WriteStateAsync();
            await NotifyDirectoryIfFinishedAsync();
        }
    }

    private void Retry(CaseRecord attempt, string silo, string reason)
    {
        attempt.LeaseId = null;
        attempt.FailedOn.Add(silo);
        attempt.Errors.Add($"attempt {attempt.Attempts} on {silo}: {reason}");
        attempt.State = attempt.Attempts >= Record.Options.MaxAttempts ? SegmentationCaseState.Failed : SegmentationCaseState.Pending;
    }

    private bool IsAlive(string silo)
    {
        // Dead, or gone from the membership table altogether (None): either way the silo will never report.
        var status = membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(silo));
        return status is not (SiloStatus.Dead or SiloStatus.None);
    }

    private CaseRecord? FindRunning(string leaseId) =>
        Record.State == SegmentationJobState.Running
            ? Record.Cases.FirstOrDefault(c => c.State == SegmentationCaseState.Running && c.LeaseId == leaseId)
            : null;

    private void FinishIfDone()
    {
        if (Record.State == SegmentationJobState.Running && Record.Cases.All(c => c.IsFinal))
        {
            Record.State = SegmentationJobState.Completed;
            Record.FinishedAt = time.GetUtcNow();
            var (jobId, succeeded, total) = (JobId, Record.Cases.Count(c => c.State == SegmentationCaseState.Succeeded), Record.Cases.Count);
            LogCompleted(jobId, succeeded, total);
        }
    }

    private async Task NotifyDirectoryIfFinishedAsync()
    {
        if (Record.State != SegmentationJobState.Running)
        {
            await GrainFactory.GetGrain<ISegmentationJobDirectoryGrain>(0).MarkFinishedAsync(JobId);
        }
    }

    private SegmentationJobStatus ToStatus(bool includeCases)
    {
        int Count(SegmentationCaseState state) => Record.Cases.Count(c => c.State == state);
        return new SegmentationJobStatus(
            JobId,
            Record.SegmenterName,
            Record.Manifest!,
            Record.OutputFolder,
            Record.State,
            Record.Cases.Count,
            Count(SegmentationCaseState.Pending),
            Count(SegmentationCaseState.Running),
            Count(SegmentationCaseState.Succeeded),
            Count(SegmentationCaseState.Failed),
            Count(SegmentationCaseState.Cancelled),
            Record.CreatedAt,
            Record.FinishedAt,
            localSilo.SiloAddress.ToParsableString(),
            includeCases ? [.. Record.Cases.Select(c => c.ToStatus())] : []);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} started: {Count} case(s) from {Location}")]
    private partial void LogStarted(string jobId, int count, string location);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId} taken back: {Reason}")]
    private partial void LogLost(string caseId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} completed: {Succeeded} of {Total} case(s) segmented")]
    private partial void LogCompleted(string jobId, int succeeded, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled")]
    private partial void LogCancelled(string jobId);
}
