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

        var programmeOrder = Order(programmes.Select(p => p.Id));
        var programmeNames = programmes.GroupBy(p => p.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var programmeRows = Known(programmes.Select(p => p.Id), parts.SelectMany(p => p.Programmes).Select(p => (p.Id, p.Counts)), programmeOrder)
            .Select(pair =>
            {
                programmeNames.TryGetValue(pair.Key, out var p);
                var c = pair.Counts;
                return new ProgrammeProgress(pair.Key, p?.NameEn ?? string.Empty, p?.NameZh ?? string.Empty, c.Total, c.Proposed, c.Commenced, c.Completed, c.Overdue);
            })
            .ToList();

        var agencyOrder = Order(agencies.Select(a => a.Id));
        var agencyNames = agencies.GroupBy(a => a.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var agencyRows = Known(agencies.Select(a => a.Id), parts.SelectMany(p => p.Agencies).Select(a => (a.Id, a.Counts)), agencyOrder)
            .Select(pair =>
            {
                agencyNames.TryGetValue(pair.Key, out var a);
                var c = pair.Counts;
                return new AgencyProgress(pair.Key, a?.NameEn ?? string.Empty, a?.NameZh ?? string.Empty, c.Total, c.Proposed, c.Commenced, c.Completed, c.Overdue);
            })
            .ToList();

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

    /// <summary>Every known key (even without items), then keys seen only in the parts, each with its summed counts.</summary>
    private static IEnumerable<(string Key, ProgressCounts Counts)> Known(
        IEnumerable<string> knownKeys, IEnumerable<(string Id, ProgressCounts Counts)> rows, Dictionary<string, int> order)
    {
        var sums = rows.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Sum(g.Select(r => r.Counts)), StringComparer.Ordinal);
        var keys = knownKeys.Distinct(StringComparer.Ordinal)
            .Concat(sums.Keys.Where(k => !order.ContainsKey(k) && sums[k].Total > 0).Order(StringComparer.Ordinal));
        return keys.Select(k => (k, sums.TryGetValue(k, out var c) ? c : ProgressCounts.Empty));
    }

    private static Dictionary<string, int> Order(IEnumerable<string> keys)
    {
        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            order.TryAdd(key, order.Count);
        }

        return order;
    }

    private static ProgressCounts Sum(IEnumerable<ProgressCounts> counts) =>
        counts.Aggregate(ProgressCounts.Empty, (a, b) => new ProgressCounts(
            a.Total + b.Total, a.Proposed + b.Proposed, a.Commenced + b.Commenced, a.Completed + b.Completed, a.Overdue + b.Overdue));
}
