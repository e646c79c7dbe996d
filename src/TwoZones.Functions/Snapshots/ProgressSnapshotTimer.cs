using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Orchestration;
using TwoZones.Functions.Progress;
using TwoZones.Storage;

namespace TwoZones.Functions.Snapshots;

/// <summary>
/// Stores the progress of the whole catalogue (the figures of <c>GET /api/progress</c>) on <c>TwoZones:SnapshotSchedule</c>
/// (hourly by default), for trends and the digest's week-over-week deltas. Runs missed while no host was up are caught up once.
/// An import that created items takes one too (<see cref="SnapshotAfterImport"/>), so a fresh start shows a trend at once.
/// </summary>
/// <param name="progress">The progress the API serves.</param>
/// <param name="snapshots">Where snapshots are kept.</param>
/// <param name="logger">Logs each snapshot.</param>
public sealed partial class ProgressSnapshotTimer(ProgressCache progress, SnapshotRepository snapshots, ILogger<ProgressSnapshotTimer> logger)
{
    /// <summary>The timer function.</summary>
    /// <param name="timer">The schedule status.</param>
    /// <param name="cancellationToken">Cancels the snapshot.</param>
    /// <returns>A task that completes when the snapshot is stored.</returns>
    [Function("ProgressSnapshot")]
    public async Task RunAsync([TimerTrigger("%TwoZones:SnapshotSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        await TakeAsync(timer.IsPastDue, cancellationToken);
    }

    /// <summary>The activity the catalogue import calls once its items are stored.</summary>
    /// <param name="uploadId">The import (unused; activities take one input).</param>
    /// <param name="cancellationToken">Cancels the snapshot.</param>
    /// <returns>A task that completes when the snapshot is stored.</returns>
    [Function(ActivityNames.SnapshotAfterImport)]
    public async Task SnapshotAfterImport([ActivityTrigger] string uploadId, CancellationToken cancellationToken)
    {
        _ = uploadId;
        await TakeAsync(pastDue: false, cancellationToken);
    }

    private async Task TakeAsync(bool pastDue, CancellationToken cancellationToken)
    {
        // A snapshot records the store as it is now, not the cache as it was: each one gets its own as-of time for the trend.
        await progress.RefreshAsync(cancellationToken);
        var report = await progress.GetReportAsync(null, cancellationToken);
        await snapshots.SaveAsync(report, cancellationToken);
        LogSnapshot(logger, report.AsOf, report.Total, report.Completed, pastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Progress snapshot as of {AsOf:o}: {Total} items, {Completed} completed (past due: {PastDue})")]
    private static partial void LogSnapshot(ILogger logger, DateTimeOffset asOf, int total, int completed, bool pastDue);
}
