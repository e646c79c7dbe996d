using TwoZones.Core.History;
using TwoZones.Core.Seals;
using TwoZones.Core.Catalogue;
using TwoZones.Storage.History;

namespace TwoZones.Storage.Seals;

/// <summary>Reads the whole history and the seals from storage to verify them, or to export them for offline verification.</summary>
/// <param name="history">Reads every item's rows.</param>
/// <param name="seals">The stored seals.</param>
/// <param name="time">The server clock.</param>
public sealed class HistoryAuditor(HistoryReader history, SealRepository seals, TimeProvider time)
{
    /// <summary>Checks the stored history against one seal.</summary>
    /// <param name="seal">The seal.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The verification.</returns>
    public async Task<HistoryVerification> VerifyAsync(Seal seal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var verifiedAt = time.GetUtcNow();
        var heads = await seals.GetHeadsAsync(seal, cancellationToken);
        var allSeals = await seals.ListAllAsync(cancellationToken);
        var stored = await history.ReadAsync(null, cancellationToken);
        var items = stored.Where(s => s.Value.Snapshot is not null).ToList();
        var histories = items.ToDictionary(s => s.Key, s => s.Value.Entries, StringComparer.Ordinal);
        var report = SealAudit.Check(seal, heads, histories, SealAudit.ChainProblemUpTo(allSeals, seal.Seq) ?? MissingFromChain(allSeals, seal));
        var broken = SealAudit.BrokenChains(items.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => (s.Key, s.Value.Entries, s.Value.Head?.Hash)));
        var currentRoot = MerkleTree.Root(MerkleTree.CanonicalOrder(items.Select(s => s.Value.Head!)));
        return new HistoryVerification(
            seal, verifiedAt, report.Consistent, report.Problem, report.ItemsSealed, report.ItemsMatching, report.Mismatches, broken, items.Count, currentRoot);
    }

    /// <summary>Everything the offline verifier needs.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The export.</returns>
    public async Task<HistoryExport> ExportAsync(CancellationToken cancellationToken)
    {
        var exportedAt = time.GetUtcNow();
        var allSeals = await seals.ListAllAsync(cancellationToken);
        var exportedSeals = new List<ExportedSeal>(allSeals.Count);
        var headsByRoot = new Dictionary<string, IReadOnlyList<ChainHead>>(StringComparer.Ordinal);
        foreach (var seal in allSeals)
        {
            if (!headsByRoot.TryGetValue(seal.Root, out var heads))
            {
                headsByRoot[seal.Root] = heads = await seals.GetHeadsAsync(seal, cancellationToken);
            }

            exportedSeals.Add(new ExportedSeal(seal, heads));
        }

        var stored = await history.ReadAsync(null, cancellationToken);
        var items = stored
            .Where(s => s.Value.Snapshot is not null)
            .OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ExportedItem(
                s.Key, s.Value.Snapshot!.Kind == ItemKind.Task ? "task" : "measure", s.Value.Head?.Seq ?? 0, s.Value.Head?.Hash ?? HistoryChain.GenesisHash, s.Value.Entries))
            .ToList();
        return new HistoryExport(HistoryExport.FormatName, exportedAt, items, exportedSeals);
    }

    private static string? MissingFromChain(IReadOnlyList<Seal> allSeals, Seal seal) =>
        allSeals.Any(s => s.Seq == seal.Seq && s.Hash == seal.Hash) ? null : $"Seal {seal.Seq} is not in the stored chain of seals.";
}
