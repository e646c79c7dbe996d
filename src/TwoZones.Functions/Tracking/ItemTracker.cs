using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Orchestration;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// The tracker of one task or measure (instance id = item id). Each round learns the item's state, refreshes its overdue flag,
/// then sleeps until a status change is signalled or the next planned date passes, and starts over with a fresh history.
/// A round after a deadline or a reconcile reads storage (the truth); a round after a status change takes the state that
/// transition committed, carried by the event, which saves a storage round trip per update; the first round takes what its
/// starter just read when there is such a starter (an import's tracker starts, see <see cref="StartTrackersActivities"/>). It
/// ends once the item is Completed.
/// </summary>
public static class ItemTracker
{
    /// <summary>The event that tells a tracker its item's status changed.</summary>
    public const string StatusChangedEvent = "StatusChanged";

    /// <summary>The orchestrator.</summary>
    /// <param name="context">The orchestration context; its input is a <see cref="TrackedItem"/>.</param>
    /// <returns>A task that completes when the round ends (with a continue-as-new, or for good when the item is Completed).</returns>
    [Function(OrchestratorNames.ItemTracker)]
    public static async Task RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var item = context.GetInput<TrackedItem>()
            ?? throw new InvalidOperationException($"Tracker {context.InstanceId} was started without its item.");

        var observation = item.Known
            ?? await context.CallActivityAsync<TrackerObservation>(ActivityNames.ObserveTrackedItem, item with { Known = null }, DurableRetry.Storage);
        context.SetCustomStatus(new TrackerStatus(observation.Stage, observation.Overdue));
        if (!observation.Exists || observation.Stage == ItemStatus.Completed)
        {
            return;
        }

        TrackerObservation? known = null;
        using (var stopWaiting = new CancellationTokenSource())
        {
            var changed = context.WaitForExternalEvent<TrackerObservation?>(StatusChangedEvent, stopWaiting.Token);
            if (observation.NextCheckUtc is { } due)
            {
                var deadline = context.CreateTimer(DateTime.SpecifyKind(due, DateTimeKind.Utc), stopWaiting.Token);
                var first = await Task.WhenAny(changed, deadline);

                // Cancels whichever lost: a pending timer must not fire later, an unused wait must not swallow a later event.
                // Synchronously: orchestrator code must not hop to the thread pool, as CancelAsync's callbacks would.
                stopWaiting.Cancel();
                known = first == changed ? changed.Result : null;
            }
            else
            {
                known = await changed;
            }
        }

        context.ContinueAsNew(item with { Known = known });
    }
}
