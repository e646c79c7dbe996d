using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>The activity of <see cref="ItemTracker"/>: storage is the truth a tracker acts on.</summary>
/// <param name="items">The items.</param>
/// <param name="time">The clock that decides "today" (Asia/Shanghai).</param>
public sealed class ItemTrackerActivities(ItemRepository items, TimeProvider time)
{
    /// <summary>Reads an item, stores whether it is overdue today and says when that next changes on its own.</summary>
    /// <param name="item">The tracked item.</param>
    /// <param name="cancellationToken">Cancels the reads and writes.</param>
    /// <returns>What the tracker needs for its next round.</returns>
    [Function(ActivityNames.ObserveTrackedItem)]
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
}
