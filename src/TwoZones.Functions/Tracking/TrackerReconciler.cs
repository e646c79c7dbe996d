using Azure;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// Makes trackers agree with storage at host start (and nightly): starts the trackers missing for items not yet Completed and
/// signals those whose custom status or overdue flag disagrees with storage. This is how a transition that committed while the
/// process died before raising its event still reaches the tracker.
/// </summary>
/// <param name="items">The items.</param>
/// <param name="time">The clock that decides "today".</param>
/// <param name="logger">Logs what was repaired.</param>
public sealed partial class TrackerReconciler(ItemRepository items, TimeProvider time, ILogger<TrackerReconciler> logger)
{
    private const int Parallelism = 8;

    /// <summary>
    /// The timer function: at start-up and on <c>TwoZones:ReconcileSchedule</c> (every 10 minutes by default), which bounds how long a
    /// tracker can disagree with its item after a lost signal, a crash or a storage outage.
    /// </summary>
    /// <param name="timer">The timer's schedule status.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>A task that completes when every item was checked.</returns>
    [Function("ReconcileTrackers")]
    public async Task RunAsync(
        [TimerTrigger("%TwoZones:ReconcileSchedule%", RunOnStartup = true)] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        try
        {
            var outcome = await ReconcileAsync(client, cancellationToken);
            LogReconciled(logger, outcome.Checked, outcome.Started, outcome.Signalled);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // A fresh store whose tables do not exist yet has no items to reconcile.
            LogNothingStored(logger, e.ErrorCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping (Ctrl-C during the start-up pass): not a failure, and the next start runs the pass again.
            LogStopped(logger);
        }
    }

    /// <summary>Checks every item against its tracker.</summary>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>How many items were checked, trackers started and trackers signalled.</returns>
    public async Task<(int Checked, int Started, int Signalled)> ReconcileAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = new List<ItemRecord>();
        foreach (var kind in new[] { ItemKind.Task, ItemKind.Measure })
        {
            string? token = null;
            do
            {
                var page = await items.ListAsync(kind, ItemFilter.None, token, ItemRepository.MaxPageSize, cancellationToken);
                all.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        var today = ShanghaiClock.Today(time.GetUtcNow());
        var started = 0;
        var signalled = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(all, options, async (record, ct) =>
        {
            switch (await RepairAsync(client, record, today, ct))
            {
                case Repair.Started:
                    Interlocked.Increment(ref started);
                    break;
                case Repair.Signalled:
                    Interlocked.Increment(ref signalled);
                    break;
            }
        });

        return (all.Count, started, signalled);
    }

    private static async Task<Repair> RepairAsync(DurableTaskClient client, ItemRecord record, DateOnly today, CancellationToken ct)
    {
        var instance = await client.GetInstanceAsync(record.Id, getInputsAndOutputs: true, ct);
        if (!TrackerSignals.IsActive(instance))
        {
            // A finished tracker is right only if it finished having seen the item Completed. One whose last word is another
            // stage was cut short (a lost reopen signal, or a crash the Durable storage provider recorded only half of).
            if (record.Status == ItemStatus.Completed && !record.Overdue && (instance is null || ReadStatus(instance) is { Stage: ItemStatus.Completed }))
            {
                return Repair.None;
            }

            // A finished tracker of an item that is no longer (or not really) Completed: a reopen whose signal was lost.
            await TrackerSignals.RestartAsync(client, new TrackedItem(record.Kind, record.Id), ct);
            return Repair.Started;
        }

        var overdue = OverdueRule.IsOverdue(record.Status, record.Item.PlannedCommencement, record.Item.PlannedCompletion, today);
        var status = ReadStatus(instance!);
        if (status is not null && status.Stage == record.Status && status.Overdue == overdue && record.Overdue == overdue)
        {
            return Repair.None;
        }

        await TrackerSignals.NotifyStatusChangedAsync(client, record.Kind, record.Id, record.Status, known: null, ct);
        return Repair.Signalled;
    }

    private static TrackerStatus? ReadStatus(OrchestrationMetadata instance)
    {
        try
        {
            return instance.ReadCustomStatusAs<TrackerStatus>();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trackers reconciled: {Checked} items checked, {Started} trackers started, {Signalled} signalled")]
    private static partial void LogReconciled(ILogger logger, int @checked, int started, int signalled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trackers not reconciled: no items are stored yet ({Reason})")]
    private static partial void LogNothingStored(ILogger logger, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trackers not reconciled: the host is stopping; the pass runs again at the next start")]
    private static partial void LogStopped(ILogger logger);

    private enum Repair
    {
        None,
        Started,
        Signalled,
    }
}
