using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>The checks behind <c>GET /api/verify</c> and the offline verifier, over histories however they were read.</summary>
public static class SealAudit
{
    /// <summary>Checks one seal: its own hash, that its heads reproduce its root, and that the histories still contain every sealed head.</summary>
    /// <param name="seal">The seal.</param>
    /// <param name="heads">The heads stored with it.</param>
    /// <param name="histories">Every stored item's entries in seq order, by item id.</param>
    /// <param name="chainProblem">A problem found in the chain of seals up to this one, if any; reported as the seal's problem.</param>
    /// <param name="known">Outcomes of heads already checked against the same histories, shared across seals (see <see cref="SealConsistency.Check(IReadOnlyList{ChainHead}, IReadOnlyDictionary{string, IReadOnlyList{TransitionRecord}}, IDictionary{ChainHead, SealMismatch?})"/>).</param>
    /// <returns>The report.</returns>
    public static SealReport Check(
        Seal seal,
        IReadOnlyList<ChainHead> heads,
        IReadOnlyDictionary<string, IReadOnlyList<TransitionRecord>> histories,
        string? chainProblem = null,
        IDictionary<ChainHead, SealMismatch?>? known = null)
    {
        ArgumentNullException.ThrowIfNull(seal);
        ArgumentNullException.ThrowIfNull(heads);
        var problem = SealChain.Problem(seal, heads) ?? chainProblem;
        var mismatches = SealConsistency.Check(heads, histories, known);
        return new SealReport(seal, problem, heads.Count, heads.Count - mismatches.Count, mismatches);
    }

    /// <summary>Checks each item's own chain, and that it ends at the head its state records.</summary>
    /// <param name="items">Item id, entries in seq order, and the head hash the item's state records (<see langword="null"/> to skip that check).</param>
    /// <returns>The items whose chain fails, in the order given.</returns>
    public static IReadOnlyList<BrokenChain> BrokenChains(IEnumerable<(string ItemId, IReadOnlyList<TransitionRecord> Entries, string? HeadHash)> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var broken = new List<BrokenChain>();
        foreach (var (id, entries, head) in items)
        {
            var verification = HistoryChain.Verify(id, entries, head);
            if (!verification.IsValid)
            {
                broken.Add(new BrokenChain(id, verification.FirstBrokenSeq, verification.Reason ?? "The chain is broken."));
            }
        }

        return broken;
    }

    /// <summary>The first problem of the chain of seals up to and including <paramref name="seq"/>.</summary>
    /// <param name="seals">Every seal, oldest first.</param>
    /// <param name="seq">The seal of interest.</param>
    /// <returns><see langword="null"/> when the seals up to it link up.</returns>
    public static string? ChainProblemUpTo(IReadOnlyList<Seal> seals, long seq)
    {
        ArgumentNullException.ThrowIfNull(seals);
        return SealChain.VerifyChain([.. seals.Where(s => s.Seq <= seq)]);
    }
}
