using TwoZones.Core.Catalogue;

namespace TwoZones.Functions.Tracking;

/// <summary>The item a tracker follows; the tracker's input and instance id (<see cref="Id"/>).</summary>
/// <param name="Kind">Task or measure.</param>
/// <param name="Id">Item id, e.g. <c>T042</c> or <c>P03-M017</c>.</param>
public sealed record TrackedItem(ItemKind Kind, string Id);
