namespace TwoZones.Core.Progress.AsOf;

/// <summary>
/// Whether transitions recorded after a date changed the figures for that date: what the history said at the end of the day, compared
/// with what it says now about the same day.
/// </summary>
/// <param name="Changed">Whether any item's status on the date differs between the two.</param>
/// <param name="ItemCount">Items whose status on the date was set or changed by entries recorded later.</param>
/// <param name="Items">Their ids, in id order, at most <see cref="AsOfCalculator.MaxListedItems"/>.</param>
/// <param name="AsRecorded">The overall figures from only the entries recorded by the end of the date.</param>
public sealed record LateCorrections(bool Changed, int ItemCount, IReadOnlyList<string> Items, ProgressCounts AsRecorded);
