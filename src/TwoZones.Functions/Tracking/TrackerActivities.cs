using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>The trackers' activity: storage is the truth a tracker acts on.</summary>
/// <param name="items">The items.</param>
/// <param name="time">The clock that decides "today" (Asia/Shanghai).</param>
public sealed class TrackerActivities(ItemRepository items, TimeProvider time)
{
    /// <summary>Reads an item, stores whether it is overdue today and says when that next changes on its own.</summary>
    /// <param name="item">The tracked item.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>What the tracker needs for its next round.</returns>
    [Function(nameof(ObserveTrackedItem))]
    public async Task<TrackerObservation> ObserveTrackedItem([ActivityTrigger] TrackedItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var record = await items.GetAsync(item.Kind, item.Id, cancellationToken);
        if (record is null)
        {
            return TrackerObservation.Missing;
        }

        var observation = TrackerObservation.Of(record, time.GetUtcNow());
        if (record.Overdue != observation.Overdue)
        {
            await items.SetOverdueAsync(item.Kind, item.Id, observation.Overdue, cancellationToken);
        }

        return observation;
    }

    /// <summary>
    /// Starts the missing trackers of one slice of the stored items (every <see cref="StartTrackersOrchestrator.Slices"/>-th
    /// item in id order). Slices keep orchestration inputs and outputs tiny whatever the catalogue's size.
    /// </summary>
    /// <param name="slice">Which slice, from 0.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the reads and starts.</param>
    /// <returns>How many trackers this call started.</returns>
    [Function(nameof(StartTrackerSlice))]
    public async Task<int> StartTrackerSlice([ActivityTrigger] int slice, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        var snapshots = await items.ReadSnapshotsAsync(null, cancellationToken);
        var started = 0;
        var mine = snapshots.OrderBy(s => s.Id, StringComparer.Ordinal).Where((_, index) => index % StartTrackersOrchestrator.Slices == slice);
        foreach (var item in mine)
        {
            if (await TrackerSignals.EnsureTrackerAsync(client, new TrackedItem(item.Kind, item.Id), cancellationToken))
            {
                started++;
            }
        }

        return started;
    }
}
