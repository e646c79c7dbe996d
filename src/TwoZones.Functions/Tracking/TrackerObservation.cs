using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;

namespace TwoZones.Functions.Tracking;

/// <summary>What a tracker learnt from storage in one round.</summary>
/// <param name="Exists">Whether the item exists (a tracker of a deleted or never-imported item ends).</param>
/// <param name="Stage">The item's status.</param>
/// <param name="Overdue">Whether the item is overdue now (and so flagged in storage).</param>
/// <param name="NextCheckUtc">The next instant at which the item turns overdue without a transition; <see langword="null"/> when none is ahead.</param>
public sealed record TrackerObservation(bool Exists, ItemStatus Stage, bool Overdue, DateTime? NextCheckUtc)
{
    /// <summary>The observation of an item that does not exist.</summary>
    public static TrackerObservation Missing { get; } = new(false, ItemStatus.Proposed, false, null);

    /// <summary>What a tracker should know of <paramref name="record"/> at <paramref name="now"/>.</summary>
    /// <param name="record">The item as stored.</param>
    /// <param name="now">The current instant; "today" is its date in Asia/Shanghai.</param>
    /// <returns>The item's stage, whether it is overdue today, and when that next changes on its own.</returns>
    public static TrackerObservation Of(ItemRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Of(record.Status, record.Item.PlannedCommencement, record.Item.PlannedCompletion, now);
    }

    /// <summary>What a tracker should know of an item with this status and these planned dates at <paramref name="now"/>.</summary>
    /// <param name="status">The item's status.</param>
    /// <param name="commencement">Its planned commencement.</param>
    /// <param name="completion">Its planned completion.</param>
    /// <param name="now">The current instant; "today" is its date in Asia/Shanghai.</param>
    /// <returns>The item's stage, whether it is overdue today, and when that next changes on its own.</returns>
    public static TrackerObservation Of(ItemStatus status, DateOnly? commencement, DateOnly? completion, DateTimeOffset now)
    {
        var overdue = OverdueRule.IsOverdue(status, commencement, completion, ShanghaiClock.Today(now));
        var flipsAt = status == ItemStatus.Completed ? null : OverdueDeadline.FlipsAt(status, commencement, completion);
        return new TrackerObservation(true, status, overdue, flipsAt > now ? flipsAt.Value.UtcDateTime : null);
    }
}
