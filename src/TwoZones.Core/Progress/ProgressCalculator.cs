using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Progress;

/// <summary>Computes progress figures from item snapshots in one pass.</summary>
public static class ProgressCalculator
{
    /// <summary>Counts items by status overall and by programme, lead agency, district and kind.</summary>
    /// <param name="items">The items to count (filter beforehand, e.g. to one kind).</param>
    /// <param name="programmes">All programmes; each is listed even without items.</param>
    /// <param name="agencies">All agencies; each is listed even without items.</param>
    /// <param name="today">The Asia/Shanghai date for the overdue rule.</param>
    /// <param name="asOf">The instant the report describes.</param>
    /// <returns>The report. Items naming a programme or agency not in the lists get an entry of their own (with empty names)
    /// after the known ones, so breakdowns always sum to the totals.</returns>
    public static ProgressReport Compute(
        IReadOnlyList<ItemSnapshot> items,
        IReadOnlyList<Programme> programmes,
        IReadOnlyList<Agency> agencies,
        DateOnly today,
        DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(agencies);

        var overall = new Tally();
        var byProgramme = new OrderedTallies(programmes.Select(p => p.Id));
        var byAgency = new OrderedTallies(agencies.Select(a => a.Id));
        var byDistrict = new OrderedTallies([]);
        var noDistrict = new Tally();
        var tasks = new Tally();
        var measures = new Tally();

        foreach (var item in items)
        {
            var overdue = OverdueRule.IsOverdue(item.Status, item.PlannedCommencement, item.PlannedCompletion, today);
            overall.Add(item.Status, overdue);
            byProgramme.Find(item.Programme).Add(item.Status, overdue);
            byAgency.Find(item.LeadAgency).Add(item.Status, overdue);
            (string.IsNullOrEmpty(item.District) ? noDistrict : byDistrict.Find(item.District)).Add(item.Status, overdue);
            (item.Kind == ItemKind.Task ? tasks : measures).Add(item.Status, overdue);
        }

        var programmeNames = new Dictionary<string, Programme>(StringComparer.Ordinal);
        foreach (var programme in programmes)
        {
            programmeNames.TryAdd(programme.Id, programme);
        }

        var agencyNames = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var agency in agencies)
        {
            agencyNames.TryAdd(agency.Id, agency);
        }

        var programmeRows = byProgramme.InOrder().Select(pair =>
        {
            programmeNames.TryGetValue(pair.Key, out var p);
            var t = pair.Value;
            return new ProgrammeProgress(pair.Key, p?.NameEn ?? string.Empty, p?.NameZh ?? string.Empty, t.Total, t.Proposed, t.Commenced, t.Completed, t.Overdue);
        }).ToList();

        var agencyRows = byAgency.InOrder().Select(pair =>
        {
            agencyNames.TryGetValue(pair.Key, out var a);
            var t = pair.Value;
            return new AgencyProgress(pair.Key, a?.NameEn ?? string.Empty, a?.NameZh ?? string.Empty, t.Total, t.Proposed, t.Commenced, t.Completed, t.Overdue);
        }).ToList();

        var districtRows = byDistrict.InOrder()
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => District(pair.Key, pair.Value))
            .ToList();
        if (noDistrict.Total > 0)
        {
            districtRows.Add(District(null, noDistrict));
        }

        var kindRows = new List<KindProgress>
        {
            new(ItemKind.Task, tasks.Total, tasks.Proposed, tasks.Commenced, tasks.Completed, tasks.Overdue),
            new(ItemKind.Measure, measures.Total, measures.Proposed, measures.Commenced, measures.Completed, measures.Overdue),
        };

        return new ProgressReport(
            asOf, overall.Total, overall.Proposed, overall.Commenced, overall.Completed, overall.Overdue,
            programmeRows, agencyRows, districtRows, kindRows);
    }

    private static DistrictProgress District(string? district, Tally t) =>
        new(district, t.Total, t.Proposed, t.Commenced, t.Completed, t.Overdue);

    /// <summary>Tallies by key, listed in the order keys were first seen: catalogue order first, strays after.</summary>
    private sealed class OrderedTallies
    {
        private readonly Dictionary<string, Tally> tallies = new(StringComparer.Ordinal);
        private readonly List<KeyValuePair<string, Tally>> order = [];

        public OrderedTallies(IEnumerable<string> knownKeys)
        {
            foreach (var key in knownKeys)
            {
                Find(key);
            }
        }

        public Tally Find(string key)
        {
            if (!tallies.TryGetValue(key, out var tally))
            {
                tally = new Tally();
                tallies.Add(key, tally);
                order.Add(new(key, tally));
            }

            return tally;
        }

        public IReadOnlyList<KeyValuePair<string, Tally>> InOrder() => order;
    }

    private sealed class Tally
    {
        public int Total { get; private set; }

        public int Proposed { get; private set; }

        public int Commenced { get; private set; }

        public int Completed { get; private set; }

        public int Overdue { get; private set; }

        public void Add(ItemStatus status, bool overdue)
        {
            Total++;
            switch (status)
            {
                case ItemStatus.Proposed:
                    Proposed++;
                    break;
                case ItemStatus.Commenced:
                    Commenced++;
                    break;
                default:
                    Completed++;
                    break;
            }

            if (overdue)
            {
                Overdue++;
            }
        }
    }
}
