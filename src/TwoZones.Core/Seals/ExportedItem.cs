using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>One item of a <see cref="HistoryExport"/>.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind"><c>task</c> or <c>measure</c>.</param>
/// <param name="HeadSeq">The last seq the item's state records (0 without history).</param>
/// <param name="HeadHash">The last hash the item's state records.</param>
/// <param name="Entries">The stored entries, in seq order.</param>
public sealed record ExportedItem(string Id, string Kind, int HeadSeq, string HeadHash, IReadOnlyList<TransitionRecord> Entries);
