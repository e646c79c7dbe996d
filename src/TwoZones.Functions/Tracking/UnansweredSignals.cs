using System.Collections.Concurrent;

namespace TwoZones.Functions.Tracking;

/// <summary>
/// What the reconciler signalled and how each tracker's instance looked then, kept from one pass to the next. A tracker that
/// has not taken a single step (its instance's last-updated time unchanged) by the following pass is deaf: after a storage
/// outage the Durable Azure Storage provider can process one episode twice, leaving an instance row that says Running over a
/// history whose execution has finished, and the engine then drops every message for it. Such a tracker is replaced.
/// </summary>
public sealed class UnansweredSignals
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _signalled = new(StringComparer.Ordinal);

    /// <summary>Notes that the tracker was signalled while its instance was last updated at <paramref name="lastUpdatedAt"/>.</summary>
    /// <param name="id">The item id.</param>
    /// <param name="lastUpdatedAt">The instance's last-updated time when it was signalled.</param>
    public void Signalled(string id, DateTimeOffset lastUpdatedAt) => _signalled[id] = lastUpdatedAt;

    /// <summary>Whether the tracker was signalled at the last pass and its instance has not changed since.</summary>
    /// <param name="id">The item id.</param>
    /// <param name="lastUpdatedAt">The instance's last-updated time now.</param>
    /// <returns><see langword="true"/> when the earlier signal went unanswered.</returns>
    public bool WentUnanswered(string id, DateTimeOffset lastUpdatedAt) =>
        _signalled.TryGetValue(id, out var then) && then == lastUpdatedAt;

    /// <summary>Forgets the tracker: it agrees with its item, or was replaced.</summary>
    /// <param name="id">The item id.</param>
    public void Forget(string id) => _signalled.TryRemove(id, out _);
}
