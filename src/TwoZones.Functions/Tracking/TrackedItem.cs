using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Tracking;

/// <summary>The item a tracker follows; the tracker's input and instance id (<see cref="Id"/>).</summary>
/// <param name="Kind">Task or measure.</param>
/// <param name="Id">Item id, e.g. <c>T042</c> or <c>P03-M017</c>.</param>
/// <param name="Known">
/// The item as the transition that just committed left it, or as the starter of the tracker just read it; the round then need not
/// read storage. <see langword="null"/> makes the round read storage (after a deadline, when told to reconcile, or at a start
/// without a fresh read).
/// </param>
public sealed record TrackedItem(ItemKind Kind, string Id, TrackerObservation? Known = null);
