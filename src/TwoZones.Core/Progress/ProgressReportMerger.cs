using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Progress;

/// <summary>
/// Adds up progress reports of disjoint sets of items (one per programme) into the report of all of them, as
/// <see cref="ProgressCalculator"/> would have computed it in one pass: programmes and agencies in catalogue order,
/// districts by code with "no district" last, tasks then measures.
/// </summary>
public static class ProgressReportMerger
{
    /// <summary>Merges the parts.</summary>
    /// <param name="asOf">The instant of the merged report.</param>
    /// <param name="programmes">All programmes, in catalogue order.</param>
    /// <param name="agencies">All agencies, in catalogue order.</param>
    /// <param name="parts">Reports of disjoint item sets.</param>
    /// <returns>The report of all items.</returns>
    public static ProgressReport Merge(
        DateTimeOffset asOf, IReadOnlyList<Programme> programmes, IReadOnlyList<Agency> agencies, IReadOnlyList<ProgressReport> parts)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(parts);

        var overall = Sum(parts.Select(p => p.Overall));

        var programmeRows = Rows(
            programmes.Select(p => (p.Id, p.NameEn, p.NameZh)),
            parts.SelectMany(p => p.Programmes).Select(p => (p.Id, p.Counts)),
            (id, en, zh, c) => new ProgrammeProgress(id, en, zh, c.Total, c.Proposed, c.Commenced, c.Completed, c.Overdue));
        var agencyRows = Rows(
            agencies.Select(a => (a.Id, a.NameEn, a.NameZh)),
            parts.SelectMany(p => p.Agencies).Select(a => (a.Id, a.Counts)),
            (id, en, zh, c) => new AgencyProgress(id, en, zh, c.Total, c.Proposed, c.Commenced, c.Completed, c.Overdue));

        var districtRows = parts.SelectMany(p => p.Districts)
            .GroupBy(d => d.District ?? string.Empty, StringComparer.Ordinal)
            .Select(g => (District: g.First().District, Counts: Sum(g.Select(d => d.Counts))))
            .Where(d => d.Counts.Total > 0)
            .OrderBy(d => d.District is null ? 1 : 0)
            .ThenBy(d => d.District, StringComparer.Ordinal)
            .Select(d => new DistrictProgress(d.District, d.Counts.Total, d.Counts.Proposed, d.Counts.Commenced, d.Counts.Completed, d.Counts.Overdue))
            .ToList();

        var kindRows = new[] { ItemKind.Task, ItemKind.Measure }
            .Select(kind =>
            {
                var c = Sum(parts.SelectMany(p => p.Kinds).Where(k => k.Kind == kind).Select(k => k.Counts));
                return new KindProgress(kind, c.Total, c.Proposed, c.Commenced, c.Completed, c.Overdue);
            })
            .ToList();

        return new ProgressReport(
            asOf, overall.Total, overall.Proposed, overall.Commenced, overall.Completed, overall.Overdue,
            programmeRows, agencyRows, districtRows, kindRows);
    }

    /// <summary>
    /// One row per catalogue entry in catalogue order (even without items), then per id seen only in the parts (by id), each with
    /// its summed counts and its names (empty for an id the catalogue lacks).
    /// </summary>
    private static List<TRow> Rows<TRow>(
        IEnumerable<(string Id, string NameEn, string NameZh)> catalogue,
        IEnumerable<(string Id, ProgressCounts Counts)> rows,
        Func<string, string, string, ProgressCounts, TRow> row)
    {
        var names = new Dictionary<string, (string En, string Zh)>(StringComparer.Ordinal);
        var inCatalogueOrder = new List<string>();
        foreach (var (id, en, zh) in catalogue)
        {
            if (names.TryAdd(id, (en, zh)))
            {
                inCatalogueOrder.Add(id);
            }
        }

        var sums = rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Sum(g.Select(r => r.Counts)), StringComparer.Ordinal);
        var keys = inCatalogueOrder.Concat(sums.Keys.Where(k => !names.ContainsKey(k) && sums[k].Total > 0).Order(StringComparer.Ordinal)).ToList();
        return
        [
            .. keys.Select(k =>
            {
                var (en, zh) = names.TryGetValue(k, out var n) ? n : (string.Empty, string.Empty);
                return row(k, en, zh, sums.TryGetValue(k, out var c) ? c : ProgressCounts.Empty);
            }),
        ];
    }

    private static ProgressCounts Sum(IEnumerable<ProgressCounts> counts) =>
        counts.Aggregate(ProgressCounts.Empty, (a, b) => new ProgressCounts(
            a.Total + b.Total, a.Proposed + b.Proposed, a.Commenced + b.Commenced, a.Completed + b.Completed, a.Overdue + b.Overdue));
}
