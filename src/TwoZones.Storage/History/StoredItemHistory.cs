using TwoZones.Core.History;
using TwoZones.Core.Progress;
using TwoZones.Core.Seals;

namespace TwoZones.Storage.History;

/// <summary>One item as the items table holds it: what progress needs, the head its state row records, and its history rows.</summary>
/// <param name="Snapshot">The item's progress fields; <see langword="null"/> when only history rows were read (an incremental read, or a state row that is gone).</param>
/// <param name="Head">The chain head the state row records; <see langword="null"/> without a state row.</param>
/// <param name="Entries">The readable history rows read, in seq order (a row whose columns cannot be read is left out, which leaves a gap the chain check reports).</param>
public sealed record StoredItemHistory(ItemSnapshot? Snapshot, ChainHead? Head, IReadOnlyList<TransitionRecord> Entries);
