using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Progress;
using TwoZones.Core.Progress.AsOf;

namespace TwoZones.Storage.History;

/// <summary>
/// Progress on a past day, served from an in-memory copy of every item's history. The first request reads the whole history; once the
/// copy is older than <see cref="MaxAge"/>, a request starts reading only the rows written since (by their server timestamp, with an
/// overlap) in the background and is answered from the copy meanwhile, so a figure is at most one refresh behind storage and no request
/// waits for the read but the first. Results are kept per day and kind until the history changes.
/// </summary>
/// <param name="history">Reads state and history rows.</param>
/// <param name="catalogue">Programmes and agencies.</param>
/// <param name="time">The server clock.</param>
public sealed class AsOfProgressCache(HistoryReader history, CatalogueRepository catalogue, TimeProvider time)
{
    /// <summary>How old the copy may be before a request reads what changed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    // Rows are matched by their server Timestamp; re-reading a window before the last read catches writes that committed with an
    // earlier Timestamp but became visible after that read.
    private static readonly TimeSpan Overlap = TimeSpan.FromSeconds(30);

    private const int MaxCachedResults = 64;

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ItemSnapshot> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TransitionRecord>> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<(DateOnly Date, int Kind), AsOfProgress> _results = [];
    private IReadOnlyList<Programme> _programmes = [];
    private IReadOnlyList<Agency> _agencies = [];
    private DateTimeOffset? _lastRefreshStarted;
    private DateTimeOffset _freshUntil = DateTimeOffset.MinValue;
    private Task? _backgroundRefresh;

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

    /// <summary>Progress at the end of <paramref name="date"/> (Asia/Shanghai), over all items or one kind.</summary>
    /// <param name="date">The day; not after today in Beijing.</param>
    /// <param name="kind">Only tasks or only measures; <see langword="null"/> for both.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The figures and whether entries recorded after the day changed them.</returns>
    public async Task<AsOfProgress> GetAsync(DateOnly date, ItemKind? kind, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        var key = (date, kind is { } k ? (int)k : -1);
        List<ItemSnapshot> items;
        Dictionary<string, IReadOnlyList<TransitionRecord>> histories;
        IReadOnlyList<Programme> programmes;
        IReadOnlyList<Agency> agencies;
        lock (_lock)
        {
            if (_results.TryGetValue(key, out var cached))
            {
                return cached;
            }

            items = [.. _items.Values.Where(i => kind is null || i.Kind == kind).OrderBy(i => i.Id, StringComparer.Ordinal)];
            histories = new Dictionary<string, IReadOnlyList<TransitionRecord>>(_histories, StringComparer.Ordinal);
            programmes = _programmes;
            agencies = _agencies;
        }

        var result = AsOfCalculator.Compute(items, histories, programmes, agencies, date);
        lock (_lock)
        {
            if (_results.Count >= MaxCachedResults)
            {
                _results.Clear();
            }

            _results[key] = result;
        }

        return result;
    }

    /// <summary>Reads what changed since the last read (everything the first time).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the copy is up to date.</returns>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            await RefreshCoreAsync(cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        if (IsFresh())
        {
            return;
        }

        lock (_lock)
        {
            if (_lastRefreshStarted is not null)
            {
                // The copy answers while one refresh at a time catches up; a failed refresh leaves it as it was and the next request retries.
                if (_backgroundRefresh is not { IsCompleted: false })
                {
                    _backgroundRefresh = Task.Run(() => RefreshAsync(CancellationToken.None), CancellationToken.None);
                }

                return;
            }
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            // Another request may have refreshed while this one waited.
            if (!IsFresh())
            {
                await RefreshCoreAsync(cancellationToken);
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    private bool IsFresh()
    {
        lock (_lock)
        {
            return time.GetUtcNow() < _freshUntil;
        }
    }

    private async Task RefreshCoreAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? since;
        lock (_lock)
        {
            since = _lastRefreshStarted - Overlap;
        }

        var started = time.GetUtcNow();
        var changed = await history.ReadAsync(since, cancellationToken);
        var programmes = await catalogue.GetProgrammesAsync(cancellationToken);
        var agencies = await catalogue.GetAgenciesAsync(cancellationToken);
        lock (_lock)
        {
            var updated = !programmes.SequenceEqual(_programmes) || !agencies.SequenceEqual(_agencies);
            foreach (var (id, stored) in changed)
            {
                if (stored.Snapshot is { } snapshot && (!_items.TryGetValue(id, out var known) || known != snapshot))
                {
                    _items[id] = snapshot;
                    updated = true;
                }

                if (stored.Entries.Count > 0)
                {
                    updated |= Merge(id, stored.Entries);
                }
            }

            if (updated)
            {
                _results.Clear();
            }

            _programmes = programmes;
            _agencies = agencies;
            _lastRefreshStarted = started;
            _freshUntil = time.GetUtcNow() + MaxAge;
        }
    }

    /// <summary>Merges rows read again or anew into an item's history, by seq.</summary>
    private bool Merge(string id, IReadOnlyList<TransitionRecord> entries)
    {
        if (!_histories.TryGetValue(id, out var known))
        {
            _histories[id] = entries;
            return true;
        }

        var bySeq = known.ToDictionary(e => e.Seq);
        var changed = false;
        foreach (var entry in entries)
        {
            if (!bySeq.TryGetValue(entry.Seq, out var old) || old != entry)
            {
                bySeq[entry.Seq] = entry;
                changed = true;
            }
        }

        if (changed)
        {
            _histories[id] = [.. bySeq.Values.OrderBy(e => e.Seq)];
        }

        return changed;
    }
}
