using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>The activity of <see cref="StartTrackersOrchestrator"/>.</summary>
/// <param name="items">The items.</param>
/// <param name="time">The clock that decides "today" (Asia/Shanghai).</param>
public sealed class StartTrackersActivities(ItemRepository items, TimeProvider time)
{
    /// <summary>
    /// Starts the missing trackers of one slice of the stored items (every <see cref="StartTrackersOrchestrator.Slices"/>-th
    /// item in id order). Slices keep orchestration inputs and outputs tiny whatever the catalogue's size.
    /// </summary>
    /// <remarks>
    /// A tracker is started with what the listing saw of its item, so its first round need not read the item: that saves an
    /// activity and an orchestration episode per tracker, about half the storage work of an import's tracker starts. A status change
    /// that commits between the listing and the start finds no tracker to tell, so each started item is read once more and its
    /// tracker told of any difference (a round that reads storage when the stored overdue flag is not what the round would write).
    /// </remarks>
    /// <param name="slice">Which slice, from 0.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the reads and starts.</param>
    /// <returns>How many trackers this call started.</returns>
    [Function(ActivityNames.StartTrackerSlice)]
    public async Task<int> StartTrackerSlice([ActivityTrigger] int slice, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var snapshots = await items.ReadSnapshotsAsync(null, cancellationToken);
        var started = 0;
        var mine = snapshots.OrderBy(s => s.Id, StringComparer.Ordinal).Where((_, index) => index % StartTrackersOrchestrator.Slices == slice);
        foreach (var item in mine)
        {
            var known = TrackerObservation.Of(item.Status, item.PlannedCommencement, item.PlannedCompletion, time.GetUtcNow());
            if (!await TrackerSignals.EnsureTrackerAsync(client, new TrackedItem(item.Kind, item.Id, known), cancellationToken))
            {
                continue;
            }

            started++;
            if (await items.GetAsync(item.Kind, item.Id, cancellationToken) is { } stored)
            {
                var now = TrackerObservation.Of(stored, time.GetUtcNow());
                if (now.Stage != known.Stage || now.NextCheckUtc != known.NextCheckUtc || stored.Overdue != now.Overdue)
                {
                    await TrackerSignals.NotifyStatusChangedAsync(
                        client, stored.Kind, stored.Id, stored.Status, stored.Overdue == now.Overdue ? now : null, cancellationToken);
                }
            }
        }

        return started;
    }
}
