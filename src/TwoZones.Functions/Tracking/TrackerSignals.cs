using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Tracking;

/// <summary>How the rest of the app talks to trackers.</summary>
public static class TrackerSignals
{
    // The states in which an existing tracker is left alone by EnsureTrackerAsync: still going, or done because its item is.
    private static readonly OrchestrationRuntimeStatus[] NotReplaced =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended, OrchestrationRuntimeStatus.Completed];

    /// <summary>
    /// Tells the item's tracker that its status changed (call it after the transition committed). A running tracker gets the
    /// <see cref="ItemTracker.StatusChangedEvent"/> event. A tracker that has ended is started again when the item is no longer
    /// Completed (it was reopened); for an item that is still Completed (a retried request, a repeated signal) nothing is done, since
    /// restarting would only race the other signals that do the same, and two starts at once can leave the Azure Storage provider
    /// with an instance row of one execution over the history of another, deaf to every later event. Durable Functions refuses an
    /// event for a finished instance (the client sees an <see cref="RpcException"/> with status Unknown) and drops one for an
    /// instance that was never started: the reconciler starts missing trackers and restarts finished ones that disagree with their
    /// item. Raising first, instead of reading the instance first, saves a storage read on every status change.
    /// </summary>
    /// <param name="client">The durable client.</param>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id (= the tracker's instance id).</param>
    /// <param name="status">The item's status as stored now.</param>
    /// <param name="known">
    /// The item as the committed transition left it, passed on so the tracker need not read it back; <see langword="null"/> makes
    /// the tracker read storage (what a retry or a reconcile wants).
    /// </param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>A task that completes when the event was raised or the tracker scheduled.</returns>
    public static async Task NotifyStatusChangedAsync(
        DurableTaskClient client, ItemKind kind, string id, ItemStatus status, TrackerObservation? known, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            await client.RaiseEventAsync(id, ItemTracker.StatusChangedEvent, known, ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unknown)
        {
            if (status != ItemStatus.Completed)
            {
                await RestartAsync(client, new TrackedItem(kind, id, known), ct);
            }
        }
    }

    /// <summary>
    /// Starts a new tracker for an item whose tracker has finished, or tells the one a concurrent caller just started.
    /// </summary>
    /// <param name="client">The durable client.</param>
    /// <param name="item">The item, with what is known of it (or nothing, to make the tracker read storage).</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>A task that completes when the tracker was scheduled or told.</returns>
    public static async Task RestartAsync(DurableTaskClient client, TrackedItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(item);
        if (!await TryStartAsync(client, item, notReplaced: null, ct))
        {
            await client.RaiseEventAsync(item.Id, ItemTracker.StatusChangedEvent, item.Known, ct);
        }
    }

    /// <summary>
    /// Starts the item's tracker unless one is running, pending or suspended, or has already completed
    /// (a completed tracker means the item was Completed; <see cref="NotifyStatusChangedAsync"/> restarts it after a reopen).
    /// A tracker that failed or was terminated is started again. The task hub checks the existing instance as part of the start
    /// (its dedupe states), so there is no read of the instance before it.
    /// </summary>
    /// <param name="client">The durable client.</param>
    /// <param name="item">The item.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns><see langword="true"/> when this call started the tracker.</returns>
    public static Task<bool> EnsureTrackerAsync(DurableTaskClient client, TrackedItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(item);
        return TryStartAsync(client, item, NotReplaced, ct);
    }

    /// <summary>Whether an instance is still going: running, pending or suspended.</summary>
    /// <param name="instance">The instance's metadata, or <see langword="null"/> when there is none.</param>
    /// <returns><see langword="true"/> when events sent to it will be handled.</returns>
    public static bool IsActive(OrchestrationMetadata? instance) =>
        instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    private static async Task<bool> TryStartAsync(DurableTaskClient client, TrackedItem item, OrchestrationRuntimeStatus[]? notReplaced, CancellationToken ct)
    {
        var options = new StartOrchestrationOptions(item.Id);
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                OrchestratorNames.ItemTracker, item, notReplaced is null ? options : options.WithDedupeStatuses(notReplaced), ct);
            return true;
        }
        catch (InvalidOperationException)
        {
            // It exists in a state that is not replaced: running (someone started it first), or done (the task hub refuses the start).
            return false;
        }
    }
}
