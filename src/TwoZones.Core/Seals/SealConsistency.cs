using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>
/// Checks stored histories against the heads a seal recorded, as a transparency log's consistency check does: a history that grew by
/// legitimate entries still contains the sealed head; an edited history no longer does, even when every hash after the edit was
/// recomputed so the chain itself verifies.
/// </summary>
public static class SealConsistency
{
    /// <summary>Compares each sealed head with the stored history of its item.</summary>
    /// <param name="sealedHeads">The heads the seal committed to.</param>
    /// <param name="histories">Every stored item's entries in seq order, by item id; an item without entries maps to an empty list.</param>
    /// <param name="known">Outcomes of heads already checked against the same histories (successive seals share most heads), filled as
    /// heads are checked; <see langword="null"/> to check every head afresh.</param>
    /// <returns>The mismatches, in the order of <paramref name="sealedHeads"/>; empty when every sealed head is still in place.
    /// Items stored now but not sealed (added since) are not mismatches.</returns>
    public static IReadOnlyList<SealMismatch> Check(
        IReadOnlyList<ChainHead> sealedHeads,
        IReadOnlyDictionary<string, IReadOnlyList<TransitionRecord>> histories,
        IDictionary<ChainHead, SealMismatch?>? known = null)
    {
        ArgumentNullException.ThrowIfNull(sealedHeads);
        ArgumentNullException.ThrowIfNull(histories);
        var mismatches = new List<SealMismatch>();
        foreach (var head in sealedHeads)
        {
            SealMismatch? mismatch;
            if (known is null || !known.TryGetValue(head, out mismatch))
            {
                mismatch = Check(head, histories.TryGetValue(head.ItemId, out var entries) ? entries : null);
                known?.Add(head, mismatch);
            }

            if (mismatch is not null)
            {
                mismatches.Add(mismatch);
            }
        }

        return mismatches;
    }

    /// <summary>Compares one sealed head with its item's stored history.</summary>
    /// <param name="head">The sealed head.</param>
    /// <param name="entries">The item's stored entries in seq order, or <see langword="null"/> when the item is not stored.</param>
    /// <returns><see langword="null"/> when the history still contains the head, otherwise the mismatch.</returns>
    public static SealMismatch? Check(ChainHead head, IReadOnlyList<TransitionRecord>? entries)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (entries is null)
        {
            return new(head.ItemId, SealMismatchKind.Missing, head.Seq, head.Hash, null, null, $"{head.ItemId} is no longer stored.");
        }

        var storedSeq = entries.Count == 0 ? 0 : entries[^1].Seq;
        if (head.Seq == 0)
        {
            // Every history extends the empty one.
            return null;
        }

        var prefix = entries.Take(head.Seq).ToList();
        var verification = HistoryChain.Verify(head.ItemId, prefix);
        if (!verification.IsValid)
        {
            return new(head.ItemId, SealMismatchKind.ChainBroken, head.Seq, head.Hash, storedSeq, HashAt(entries, head.Seq), verification.Reason!);
        }

        if (prefix.Count < head.Seq)
        {
            return new(
                head.ItemId, SealMismatchKind.Truncated, head.Seq, head.Hash, storedSeq, null,
                $"The seal recorded {head.ItemId} at seq {head.Seq}; the stored history ends at seq {storedSeq}.");
        }

        if (!string.Equals(prefix[^1].Hash, head.Hash, StringComparison.Ordinal))
        {
            return new(
                head.ItemId, SealMismatchKind.Rewritten, head.Seq, head.Hash, storedSeq, prefix[^1].Hash,
                $"Entry {head.Seq} of {head.ItemId} is not the one sealed: its history up to there was rewritten.");
        }

        return null;
    }

    private static string? HashAt(IReadOnlyList<TransitionRecord> entries, int seq) =>
        entries.FirstOrDefault(e => e.Seq == seq)?.Hash;
}
