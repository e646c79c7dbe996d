using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
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

        var now = time.GetUtcNow();
        var planned = (record.Item.PlannedCommencement, record.Item.PlannedCompletion);
        var overdue = OverdueRule.IsOverdue(record.Status, planned.PlannedCommencement, planned.PlannedCompletion, ShanghaiClock.Today(now));
        if (record.Overdue != overdue)
        {
            await items.SetOverdueAsync(item.Kind, item.Id, overdue, cancellationToken);
        }

        var flipsAt = record.Status == ItemStatus.Completed
            ? null
            : OverdueDeadline.FlipsAt(record.Status, planned.PlannedCommencement, planned.PlannedCompletion);
        var next = flipsAt > now ? flipsAt.Value.UtcDateTime : (DateTime?)null;
        return new TrackerObservation(true, record.Status, overdue, next);
    }

    /// <summary>Every stored task and measure, for starting their trackers.</summary>
    /// <param name="input">Unused (activities take one input).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items, ordered by id.</returns>
    [Function(nameof(ListStoredItems))]
    public async Task<List<TrackedItem>> ListStoredItems([ActivityTrigger] object? input, CancellationToken cancellationToken)
    {
        _ = input;
        var snapshots = await items.ReadSnapshotsAsync(null, cancellationToken);
        return snapshots.Select(s => new TrackedItem(s.Kind, s.Id)).ToList();
    }
}
