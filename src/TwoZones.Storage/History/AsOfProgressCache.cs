using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Progress.AsOf;
using TwoZones.Storage.Caching;

namespace TwoZones.Storage.History;

/// <summary>
/// Progress on a past day, served from an in-memory copy of every item's history. The first request reads the whole history; once the
/// copy is older than <see cref="MaxAge"/>, a request starts reading only the rows written since (by their server timestamp, with an
/// overlap) in the background and is answered from the copy meanwhile, so a figure is at most one refresh behind storage and no request
/// waits for the read but the first. Results are kept per day and kind until the history changes.
/// </summary>
public sealed class AsOfProgressCache
{
    /// <summary>How old the copy may be before a request reads what changed.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);

    private const int MaxCachedResults = 64;

    private readonly HistoryReader _history;
    private readonly CatalogueRepository _catalogue;
    private readonly IncrementalRefresh _refresh;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ItemSnapshot> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<TransitionRecord>> _histories = new(StringComparer.Ordinal);
    private readonly Dictionary<(DateOnly Date, int Kind), AsOfProgress> _results = [];
    private IReadOnlyList<Programme> _programmes = [];
    private IReadOnlyList<Agency> _agencies = [];

    /// <summary>Creates the cache; nothing is read before the first request.</summary>
    /// <param name="history">Reads state and history rows.</param>
    /// <param name="catalogue">Programmes and agencies.</param>
    /// <param name="time">The server clock.</param>
    public AsOfProgressCache(HistoryReader history, CatalogueRepository catalogue, TimeProvider time)
    {
        _history = history;
        _catalogue = catalogue;

        // A failed background read leaves the copy as it was; the next request reads again.
        _refresh = new IncrementalRefresh(ReadChangesAsync, time, MaxAge);
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

    /// <summary>Progress at the end of <paramref name="date"/> (Asia/Shanghai), over all items or one kind.</summary>
    /// <param name="date">The day; not after today in Beijing.</param>
    /// <param name="kind">Only tasks or only measures; <see langword="null"/> for both.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The figures and whether entries recorded after the day changed them.</returns>
    public async Task<AsOfProgress> GetAsync(DateOnly date, ItemKind? kind, CancellationToken cancellationToken)
    {
        await _refresh.EnsureFreshAsync(cancellationToken);
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
    public Task RefreshAsync(CancellationToken cancellationToken) => _refresh.RefreshAsync(cancellationToken);

    private async Task ReadChangesAsync(DateTimeOffset? since, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var changed = await _history.ReadAsync(since, cancellationToken);
        var programmes = await _catalogue.GetProgrammesAsync(cancellationToken);
        var agencies = await _catalogue.GetAgenciesAsync(cancellationToken);
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
