using TwoZones.Core.History;

namespace TwoZones.Core.Seals;

/// <summary>Recomputes every chain and every seal of an export, without the app or its storage.</summary>
public static class ExportVerifier
{
    /// <summary>Checks an export.</summary>
    /// <param name="export">The export.</param>
    /// <param name="expectedSealHash">A seal hash published elsewhere that the export must contain, or <see langword="null"/>.</param>
    /// <returns>What checks and what does not.</returns>
    public static ExportVerification Verify(HistoryExport export, string? expectedSealHash = null)
    {
        ArgumentNullException.ThrowIfNull(export);
        var histories = new Dictionary<string, IReadOnlyList<TransitionRecord>>(StringComparer.Ordinal);
        foreach (var item in export.Items)
        {
            histories[item.Id] = item.Entries;
        }

        var broken = SealAudit.BrokenChains(export.Items.Select(i => (i.Id, i.Entries, (string?)i.HeadHash)));
        var seals = export.Seals.Select(s => s.Seal).ToList();
        var chainProblem = SealChain.VerifyChain(seals);
        var known = new Dictionary<ChainHead, SealMismatch?>();
        var reports = export.Seals.Select(s => SealAudit.Check(s.Seal, s.Heads, histories, SealAudit.ChainProblemUpTo(seals, s.Seal.Seq), known)).ToList();
        string? expectedProblem = null;
        if (expectedSealHash is not null && !seals.Any(s => string.Equals(s.Hash, expectedSealHash, StringComparison.OrdinalIgnoreCase)))
        {
            expectedProblem = $"The export has no seal with hash {expectedSealHash}: the seals were rewritten or the export is older than that seal.";
        }

        return new ExportVerification(export.Items.Count, export.Items.Sum(i => i.Entries.Count), broken, chainProblem, reports, expectedProblem);
    }
}
