using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Tracking;

/// <summary>The item a tracker follows; the tracker's input and instance id (<see cref="Id"/>).</summary>
/// <param name="Kind">Task or measure.</param>
/// <param name="Id">Item id, e.g. <c>T042</c> or <c>P03-M017</c>.</param>
/// <param name="Known">
/// The item as the transition that just committed left it, when the round starts because of one; the round then need not read
/// storage. <see langword="null"/> makes the round read storage (at start, after a deadline, or when told to reconcile).
/// </param>
public sealed record TrackedItem(ItemKind Kind, string Id, TrackerObservation? Known = null);
