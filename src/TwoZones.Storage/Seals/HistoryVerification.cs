using TwoZones.Core.Seals;

namespace TwoZones.Storage.Seals;

/// <summary>The stored history checked against one seal, recomputed from storage now (the body of <c>GET /api/verify</c>).</summary>
/// <param name="Seal">The seal checked against.</param>
/// <param name="VerifiedAt">When storage was read.</param>
/// <param name="Consistent">The seal is intact, links to the seals before it, and every item it sealed still has the sealed head in its history.</param>
/// <param name="SealProblem">What is wrong with the seal itself, if anything.</param>
/// <param name="ItemsSealed">Items the seal committed to.</param>
/// <param name="ItemsMatching">Of those, items whose history still contains the sealed head (later transitions are fine).</param>
/// <param name="Mismatches">Items that no longer match: missing, truncated, rewritten or with a broken chain up to the sealed head.</param>
/// <param name="BrokenChains">Items stored now whose own chain fails (what <c>chainValid</c> reports per item), sealed or not.</param>
/// <param name="ItemsStored">Items stored now.</param>
/// <param name="CurrentRoot">The Merkle root over the heads stored now (what a seal made now would record).</param>
public sealed record HistoryVerification(
    Seal Seal,
    DateTimeOffset VerifiedAt,
    bool Consistent,
    string? SealProblem,
    int ItemsSealed,
    int ItemsMatching,
    IReadOnlyList<SealMismatch> Mismatches,
    IReadOnlyList<BrokenChain> BrokenChains,
    int ItemsStored,
    string CurrentRoot);
