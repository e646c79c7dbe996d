using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Tracking;

/// <summary>A tracker's custom status: the lifecycle stage it last read from storage and whether the item was overdue then.</summary>
/// <param name="Stage">The item's status.</param>
/// <param name="Overdue">Whether the item was overdue.</param>
public sealed record TrackerStatus(ItemStatus Stage, bool Overdue);
