using TwoZones.Core.History;

namespace TwoZones.Storage;

/// <summary>An item's stored history and whether its hash chain is intact.</summary>
/// <param name="Entries">Entries in seq order, as stored (a tampered entry is shown as stored).</param>
/// <param name="Verification">The chain check, including that the chain ends at the hash the state row records.</param>
public sealed record ItemHistory(IReadOnlyList<TransitionRecord> Entries, ChainVerification Verification);
