using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Functions.Exports;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>The activity of <see cref="StartTrackersOrchestrator"/>.</summary>
/// <param name="stored">Every stored item.</param>
/// <param name="items">Item storage, for the read after a start.</param>
/// <param name="time">The clock that decides "today" (Asia/Shanghai).</param>
public sealed class StartTrackersActivities(StoredItems stored, ItemRepository items, TimeProvider time)
{
    /// <summary>
    /// Starts the missing trackers of one slice of the stored items (every <see cref="StartTrackersOrchestrator.Slices"/>-th
    /// item in id order). Slices keep orchestration inputs and outputs tiny whatever the catalogue's size.
    /// </summary>
    /// <remarks>
    /// A tracker is started with what this read saw of its item, so its first round need not read the item again: that saves an
    /// activity and an orchestration episode per tracker, half the storage work of an import's tracker starts. Only when the stored
    /// overdue flag is already what the first round would write. A status change that commits between this read and the start finds
    /// no tracker to tell, so each started item is read once more and its tracker told of any change.
    /// </remarks>
    /// <param name="slice">Which slice, from 0.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the reads and starts.</param>
    /// <returns>How many trackers this call started.</returns>
    [Function(ActivityNames.StartTrackerSlice)]
    public async Task<int> StartTrackerSlice([ActivityTrigger] int slice, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var all = await stored.ReadAsync(null, ItemFilter.None, cancellationToken);
        var started = 0;
        var mine = all.OrderBy(r => r.Id, StringComparer.Ordinal).Where((_, index) => index % StartTrackersOrchestrator.Slices == slice);
        foreach (var record in mine)
        {
            var observation = TrackerObservation.Of(record, time.GetUtcNow());
            var known = observation.Overdue == record.Overdue ? observation : null;
            if (!await TrackerSignals.EnsureTrackerAsync(client, new TrackedItem(record.Kind, record.Id, known), cancellationToken))
            {
                continue;
            }

            started++;
            if (known is not null && await items.GetAsync(record.Kind, record.Id, cancellationToken) is { } now && now.Version != record.Version)
            {
                await TrackerSignals.NotifyStatusChangedAsync(client, now.Kind, now.Id, now.Status, TrackerObservation.Of(now, time.GetUtcNow()), cancellationToken);
            }
        }

        return started;
    }
}
