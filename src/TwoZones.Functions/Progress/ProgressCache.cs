using Microsoft.Extensions.Logging;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;
using TwoZones.Storage.Caching;

namespace TwoZones.Functions.Progress;

/// <summary>
/// Progress served from memory: a snapshot of every item, refreshed incrementally (only rows changed since the last read) in the
/// background once the figures are older than <see cref="MaxAge"/>, and updated at once by this process's own transitions. A progress
/// request costs one in-memory pass (cached until something changes) instead of a scan of the items table; only the very first
/// request of a process waits for storage.
/// </summary>
public sealed partial class ProgressCache
{
    /// <summary>How stale the figures may be before a request triggers a refresh.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private readonly ItemRepository _items;
    private readonly CatalogueRepository _catalogue;
    private readonly TimeProvider _time;
    private readonly IncrementalRefresh _refresh;
    private readonly Lock _lock = new();
    private readonly Dictionary<(ItemKind Kind, string Id), ItemSnapshot> _snapshots = [];
    private readonly Dictionary<(ItemKind Kind, string Id), DateTimeOffset> _localWrites = [];
    private readonly Dictionary<int, (long Generation, DateOnly Today, ProgressReport Report)> _reports = [];
    private readonly Dictionary<(int Kind, int Days), (long Generation, DateOnly Today, int Count)> _staleCounts = [];
    private IReadOnlyList<Programme> _programmes = [];
    private IReadOnlyList<Agency> _agencies = [];
    private long _generation;

    /// <summary>Creates the cache; nothing is read before the first request.</summary>
    /// <param name="items">Item storage.</param>
    /// <param name="catalogue">Programmes and agencies.</param>
    /// <param name="time">The server clock.</param>
    /// <param name="logger">Logs failed background refreshes.</param>
    public ProgressCache(ItemRepository items, CatalogueRepository catalogue, TimeProvider time, ILogger<ProgressCache> logger)
    {
        _items = items;
        _catalogue = catalogue;
        _time = time;
        _refresh = new IncrementalRefresh(ReadChangesAsync, time, MaxAge, e => LogRefreshFailed(logger, e.GetBaseException().Message));
    }

    /// <summary>The programmes of the catalogue as last read.</summary>
    public IReadOnlyList<Programme> Programmes
    {
        get
        {
            lock (_lock)
            {
                return _programmes;
            }
        }
    }

    /// <summary>The progress report over all items, or over one kind, refreshing first when the figures are older than <see cref="MaxAge"/>.</summary>
    public async Task<ProgressReport> GetReportAsync(ItemKind? kind, CancellationToken cancellationToken)
    {
        await _refresh.EnsureFreshAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var today = ShanghaiClock.Today(now);
        var lastRead = _refresh.LastStarted;
        lock (_lock)
        {
            var reportKey = kind is { } k ? (int)k : -1;
            if (_reports.TryGetValue(reportKey, out var cached) && cached.Generation == _generation && cached.Today == today)
            {
                // Unchanged figures still hold as of the latest refresh.
                return lastRead is { } asOf && asOf > cached.Report.AsOf ? cached.Report with { AsOf = asOf } : cached.Report;
            }

            var selected = kind is null ? [.. _snapshots.Values] : _snapshots.Values.Where(i => i.Kind == kind).ToList();
            var report = ProgressCalculator.Compute(selected, _programmes, _agencies, today, lastRead ?? now);
            _reports[reportKey] = (_generation, today, report);
            return report;
        }
    }

    /// <summary>
    /// How many items (of one kind, or both) are stale today (<see cref="StaleRule"/>), refreshing first like <see cref="GetReportAsync"/>;
    /// counted once per change of the figures or of the day, like the reports.
    /// </summary>
    public async Task<int> GetStaleCountAsync(ItemKind? kind, int periodDays, CancellationToken cancellationToken)
    {
        await _refresh.EnsureFreshAsync(cancellationToken);
        var today = ShanghaiClock.Today(_time.GetUtcNow());
        lock (_lock)
        {
            var key = (kind is { } k ? (int)k : -1, periodDays);
            if (_staleCounts.TryGetValue(key, out var cached) && cached.Generation == _generation && cached.Today == today)
            {
                return cached.Count;
            }

            var count = _snapshots.Values.Count(i => (kind is null || i.Kind == kind) && StaleRule.IsStale(i.Status, i.LastActivity, today, periodDays));
            _staleCounts[key] = (_generation, today, count);
            return count;
        }
    }

    /// <summary>Reads what changed since the last refresh, and the catalogue's programmes and agencies.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken) => _refresh.RefreshAsync(cancellationToken);

    /// <summary>Records an item this process has just written, so the next report shows it without waiting for a refresh.</summary>
    public void Apply(ItemRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var key = (record.Kind, record.Id);
        lock (_lock)
        {
            _snapshots[key] = ItemSnapshot.From(record.Item) with { LastActivity = record.LastEffectiveDate };
            _localWrites[key] = _time.GetUtcNow();
            _generation++;
        }
    }

    /// <summary>
    /// Makes the next request refresh before it answers (after an import, for example): figures known to be out of date are
    /// not served, not even once while a background refresh catches up.
    /// </summary>
    public void Invalidate() => _refresh.Invalidate();

    private async Task ReadChangesAsync(DateTimeOffset? since, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var changed = await _items.ReadSnapshotsAsync(since, cancellationToken);
        var programmes = await _catalogue.GetProgrammesAsync(cancellationToken);
        var agencies = await _catalogue.GetAgenciesAsync(cancellationToken);
        lock (_lock)
        {
            var updated = false;
            foreach (var snapshot in changed)
            {
                var key = (snapshot.Kind, snapshot.Id);

                // This process wrote the item after the read began: its own record is newer than what the read saw.
                if (_localWrites.TryGetValue(key, out var written) && written >= started)
                {
                    continue;
                }

                // The overlap re-reads recent rows; only a real change invalidates the cached reports.
                if (!_snapshots.TryGetValue(key, out var known) || known != snapshot)
                {
                    _snapshots[key] = snapshot;
                    updated = true;
                }
            }

            foreach (var stale in _localWrites.Where(w => w.Value < started - IncrementalRefresh.Overlap).Select(w => w.Key).ToList())
            {
                _localWrites.Remove(stale);
            }

            if (updated || !programmes.SequenceEqual(_programmes) || !agencies.SequenceEqual(_agencies))
            {
                _generation++;
            }

            _programmes = programmes;
            _agencies = agencies;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing progress from storage failed; serving the last figures: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
