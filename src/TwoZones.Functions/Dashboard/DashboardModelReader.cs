using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Indicators;
using TwoZones.Functions.Progress;
using TwoZones.Storage;
using TwoZones.Storage.History;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Dashboard;

/// <summary>Reads what the dashboard shows: progress from the in-memory cache, the trend from stored snapshots, overdue items from storage.</summary>
/// <param name="progress">The progress the API serves.</param>
/// <param name="snapshots">Stored progress snapshots.</param>
/// <param name="items">Item storage.</param>
/// <param name="time">The server clock.</param>
/// <param name="stale">Judges which items are stale.</param>
/// <param name="indicators">The indicators' progress against target.</param>
/// <param name="asOf">Progress at the end of past days.</param>
/// <param name="seals">The seals of the history.</param>
public sealed class DashboardModelReader(
    ProgressCache progress,
    SnapshotRepository snapshots,
    ItemRepository items,
    TimeProvider time,
    StalePeriod stale,
    IndicatorProgressCache indicators,
    AsOfProgressCache asOf,
    SealRepository seals)
{
    /// <summary>How far back the trend reaches.</summary>
    public static readonly TimeSpan TrendPeriod = TimeSpan.FromDays(7 * 12);

    /// <summary>Most overdue items listed; the page says how many there are in all.</summary>
    public const int MaxOverdueListed = 200;

    /// <summary>Most points per trend line (hourly snapshots over 12 weeks are thinned evenly to this).</summary>
    public const int MaxTrendPoints = 168;

    /// <summary>Reads the model: the figures of now, or of the end of <paramref name="asOfDate"/>; the rest is always today's.</summary>
    public async Task<DashboardModel> ReadAsync(string? code, DateOnly? asOfDate, CancellationToken cancellationToken)
    {
        var report = asOfDate is { } day
            ? (await asOf.GetAsync(day, null, cancellationToken)).Report
            : await progress.GetReportAsync(null, cancellationToken);
        var now = time.GetUtcNow();
        var trend = Thin(await snapshots.ListAsync(now - TrendPeriod, now, cancellationToken));
        var overdue = await ReadOverdueAsync(ShanghaiClock.Today(now), cancellationToken);
        var agencyOrder = report.Agencies.Select((a, i) => (a.Id, i)).ToDictionary(a => a.Id, a => a.i, StringComparer.Ordinal);
        var listed = overdue
            .OrderBy(i => agencyOrder.GetValueOrDefault(i.LeadAgency, int.MaxValue))
            .ThenBy(i => i.LeadAgency, StringComparer.Ordinal)
            .ThenBy(i => i.MissedDate)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .Take(MaxOverdueListed)
            .ToList();
        var staleCount = await progress.GetStaleCountAsync(null, stale.Days, cancellationToken);
        var (_, indicatorProgress) = await indicators.GetAsync(cancellationToken);
        var seal = await seals.GetLatestAsync(cancellationToken);
        return new DashboardModel(report, trend, listed, overdue.Count, code, indicatorProgress, staleCount, stale.Days, asOfDate, ShanghaiClock.Today(now), seal);
    }

    /// <summary>
    /// Overdue is judged now against the planned dates (as <c>GET /api/progress</c> counts it), not from the stored flag, which trackers
    /// refresh only at their deadlines. Completed items are never overdue, so only the other two statuses are read.
    /// </summary>
    private async Task<List<OverdueItem>> ReadOverdueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var result = new List<OverdueItem>();
        foreach (var kind in new[] { ItemKind.Task, ItemKind.Measure })
        {
            foreach (var status in new[] { ItemStatus.Proposed, ItemStatus.Commenced })
            {
                string? token = null;
                do
                {
                    var page = await items.ListAsync(kind, new ItemFilter(Status: status), token, ItemRepository.MaxPageSize, cancellationToken);
                    result.AddRange(page.Items.Select(r => OverdueItem.From(r.Item, r.Status, today)).OfType<OverdueItem>());
                    token = page.ContinuationToken;
                }
                while (token is not null);
            }
        }

        return result;
    }

    private static List<ProgressSnapshot> Thin(IReadOnlyList<ProgressSnapshot> trend)
    {
        if (trend.Count <= MaxTrendPoints)
        {
            return [.. trend];
        }

        // Evenly spaced by index, always keeping the newest.
        var step = (double)(trend.Count - 1) / (MaxTrendPoints - 1);
        return [.. Enumerable.Range(0, MaxTrendPoints).Select(i => trend[(int)Math.Round(i * step)])];
    }
}
