using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Core.Digest;

/// <summary>Assembles a weekly digest from the current figures, the previous snapshot, the week's movements and the overdue items.</summary>
public static class DigestComposer
{
    /// <summary>Composes the digest of an ISO week.</summary>
    /// <param name="week">ISO week id, e.g. <c>2026-W48</c>.</param>
    /// <param name="generatedAt">Now.</param>
    /// <param name="current">Current progress (its agencies supply the names for the overdue and reminder groups).</param>
    /// <param name="previous">The snapshot to compare with (normally the last one before the week began), or <see langword="null"/>.</param>
    /// <param name="moved">Candidate transitions; those whose <see cref="DigestMovement.RecordedAt"/> falls in the week (Asia/Shanghai) are kept.</param>
    /// <param name="overdue">Currently overdue items.</param>
    /// <param name="stale">Currently stale items, for the reminders; <see langword="null"/> leaves the reminders out.</param>
    /// <param name="stalePeriodDays">The stale period <paramref name="stale"/> was judged with.</param>
    /// <param name="indicators">Indicators with their progress against target; <see langword="null"/> leaves them out.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="FormatException"><paramref name="week"/> is not an ISO week id.</exception>
    public static Digest Compose(
        string week,
        DateTimeOffset generatedAt,
        ProgressReport current,
        ProgressSnapshot? previous,
        IReadOnlyList<DigestMovement> moved,
        IReadOnlyList<OverdueItem> overdue,
        IReadOnlyList<StaleItem>? stale = null,
        int? stalePeriodDays = null,
        IReadOnlyList<IndicatorProgress>? indicators = null)
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

        var reminders = stale is null ? null : GroupByAgency(
            current.Agencies,
            stale,
            s => s.LeadAgency,
            items => items.OrderBy(s => s.LastActivity).ThenBy(s => s.Id, StringComparer.Ordinal).ToList(),
            (id, agency, items) => new AgencyStale(id, agency?.NameEn ?? string.Empty, agency?.NameZh ?? string.Empty, items));

        return new Digest(
            weekId.ToString(), weekId.Start, weekId.End, generatedAt, totals, previous?.Overall, previous?.AsOf, deltas,
            movedInWeek, GroupOverdue(current.Agencies, overdue), rows,
            StaleByAgency: reminders, StalePeriodDays: stale is null ? null : stalePeriodDays, Indicators: indicators);
    }

    private static List<AgencyOverdue> GroupOverdue(IReadOnlyList<AgencyProgress> agencies, IReadOnlyList<OverdueItem> overdue) =>
        GroupByAgency(
            agencies,
            overdue,
            o => o.LeadAgency,
            items => items.OrderBy(o => o.MissedDate).ThenBy(o => o.Id, StringComparer.Ordinal).ToList(),
            (id, agency, items) => new AgencyOverdue(id, agency?.NameEn ?? string.Empty, agency?.NameZh ?? string.Empty, items));

    // Groups in catalogue order of the agencies, agencies not in the catalogue last by id.
    private static List<TGroup> GroupByAgency<TItem, TGroup>(
        IReadOnlyList<AgencyProgress> agencies,
        IReadOnlyList<TItem> items,
        Func<TItem, string> agencyOf,
        Func<IEnumerable<TItem>, List<TItem>> order,
        Func<string, AgencyProgress?, List<TItem>, TGroup> group)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < agencies.Count; i++)
        {
            rank.TryAdd(agencies[i].Id, i);
        }

        var names = agencies.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return items
            .GroupBy(agencyOf, StringComparer.Ordinal)
            .OrderBy(g => rank.TryGetValue(g.Key, out var r) ? r : int.MaxValue)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => group(g.Key, names.GetValueOrDefault(g.Key), order(g)))
            .ToList();
    }
}
