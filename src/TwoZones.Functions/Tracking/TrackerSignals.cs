using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Tracking;

/// <summary>How the rest of the app talks to trackers.</summary>
public static class TrackerSignals
{
    /// <summary>
    /// Tells the item's tracker that its status changed (call it after the transition committed). A running tracker gets the
    /// <see cref="ItemTracker.StatusChangedEvent"/> event; a tracker that has ended (the item was reopened after completion) is
    /// started again (Durable Functions refuses an event for a finished instance: the client sees an <see cref="RpcException"/>
    /// with status Unknown). An event for a tracker that was never started is dropped, as the Durable runtime drops events for unknown
    /// instances: the reconciler starts missing trackers (at host start and nightly). Raising first, instead of reading the
    /// instance first, saves a storage read on every status change.
    /// </summary>
    /// <param name="client">The durable client.</param>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id (= the tracker's instance id).</param>
    /// <param name="known">
    /// The item as the committed transition left it, passed on so the tracker need not read it back; <see langword="null"/> makes
    /// the tracker read storage (what a reconcile wants).
    /// </param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns>A task that completes when the event was raised or the tracker scheduled.</returns>
    public static async Task NotifyStatusChangedAsync(DurableTaskClient client, ItemKind kind, string id, TrackerObservation? known, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            await client.RaiseEventAsync(id, ItemTracker.StatusChangedEvent, known, ct);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unknown)
        {
            // Durable Functions refuses an event for an instance that has finished (an unknown instance's event is dropped).
            // The tracker has finished: start a new one, unless a concurrent signal just did (then tell that one).
            if (!await TryStartAsync(client, new TrackedItem(kind, id, known), ct))
            {
                await client.RaiseEventAsync(id, ItemTracker.StatusChangedEvent, known, ct);
            }
        }
    }

    /// <summary>
    /// Starts the item's tracker unless one is running, pending or suspended, or has already completed
    /// (a completed tracker means the item was Completed; <see cref="NotifyStatusChangedAsync"/> restarts it after a reopen).
    /// A tracker that failed or was terminated is started again.
    /// </summary>
    /// <param name="client">The durable client.</param>
    /// <param name="item">The item.</param>
    /// <param name="ct">Cancels the calls.</param>
    /// <returns><see langword="true"/> when this call started the tracker.</returns>
    public static async Task<bool> EnsureTrackerAsync(DurableTaskClient client, TrackedItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(item);
        var instance = await client.GetInstanceAsync(item.Id, getInputsAndOutputs: false, ct);
        if (IsActive(instance) || instance?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            return false;
        }

        return await TryStartAsync(client, item, ct);
    }

    /// <summary>Whether an instance is still going: running, pending or suspended.</summary>
    /// <param name="instance">The instance's metadata, or <see langword="null"/> when there is none.</param>
    /// <returns><see langword="true"/> when events sent to it will be handled.</returns>
    public static bool IsActive(OrchestrationMetadata? instance) =>
        instance?.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    private static async Task<bool> TryStartAsync(DurableTaskClient client, TrackedItem item, CancellationToken ct)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.ItemTracker, item, new StartOrchestrationOptions(item.Id), ct);
            return true;
        }
        catch (InvalidOperationException)
        {
            // Someone started it between the status read and this call (the runtime refuses a second live instance).
            return false;
        }
    }
}
