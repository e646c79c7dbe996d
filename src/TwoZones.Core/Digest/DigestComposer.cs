using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Core.Digest;

/// <summary>Assembles a weekly digest from the current figures, the previous snapshot, the week's movements and the overdue items.</summary>
public static class DigestComposer
{
    /// <summary>Composes the digest of an ISO week.</summary>
    /// <param name="week">ISO week id, e.g. <c>2026-W48</c>.</param>
    /// <param name="generatedAt">Now.</param>
    /// <param name="current">Current progress (its agencies supply the names for the overdue groups).</param>
    /// <param name="previous">The snapshot to compare with (normally the last one before the week began), or <see langword="null"/>.</param>
    /// <param name="moved">Candidate transitions; those whose <see cref="DigestMovement.RecordedAt"/> falls in the week (Asia/Shanghai) are kept.</param>
    /// <param name="overdue">Currently overdue items.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="FormatException"><paramref name="week"/> is not an ISO week id.</exception>
    public static Digest Compose(
        string week,
        DateTimeOffset generatedAt,
        ProgressReport current,
        ProgressSnapshot? previous,
        IReadOnlyList<DigestMovement> moved,
        IReadOnlyList<OverdueItem> overdue)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(moved);
        ArgumentNullException.ThrowIfNull(overdue);
        var weekId = IsoWeekId.Parse(week);

        var movedInWeek = moved
            .Where(m => weekId.Contains(ShanghaiClock.Today(m.RecordedAt)))
            .OrderBy(m => m.RecordedAt)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();

        var totals = current.Overall;
        var deltas = previous is null ? null : DigestDeltas.Between(totals, previous.Overall);

        var rows = current.Programmes.Select(p =>
        {
            ProgressCounts? before = null;
            previous?.Programmes.TryGetValue(p.Id, out before);
            return new DigestProgrammeRow(
                p.Id, p.NameEn, p.NameZh, p.Total, p.Proposed, p.Commenced, p.Completed, p.Overdue, p.CommencedPct, p.CompletedPct,
                before is null ? null : DigestDeltas.Between(p.Counts, before));
        }).ToList();

        return new Digest(
            weekId.ToString(), weekId.Start, weekId.End, generatedAt, totals, previous?.Overall, previous?.AsOf, deltas,
            movedInWeek, GroupOverdue(current.Agencies, overdue), rows);
    }

    private static List<AgencyOverdue> GroupOverdue(IReadOnlyList<AgencyProgress> agencies, IReadOnlyList<OverdueItem> overdue)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < agencies.Count; i++)
        {
            rank.TryAdd(agencies[i].Id, i);
        }

        var names = agencies.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return overdue
            .GroupBy(o => o.LeadAgency, StringComparer.Ordinal)
            .OrderBy(g => rank.TryGetValue(g.Key, out var r) ? r : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                names.TryGetValue(g.Key, out var agency);
                var items = g.OrderBy(o => o.MissedDate).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
                return new AgencyOverdue(g.Key, agency?.NameEn ?? string.Empty, agency?.NameZh ?? string.Empty, items);
            })
            .ToList();
    }
}
