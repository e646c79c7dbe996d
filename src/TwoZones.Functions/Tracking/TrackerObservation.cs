using TwoZones.Core.Catalogue;

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
}
