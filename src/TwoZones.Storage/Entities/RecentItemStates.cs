using System.Collections.Concurrent;
using Azure.Data.Tables;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage.Entities;

/// <summary>
/// The state rows this process last wrote or read, with their ETags, so that a status change can skip reading the row first. Never
/// trusted for an answer: a transition built on a remembered row commits only if the row's ETag still matches, and anything but a
/// successful commit is judged again from storage. Bounded; when full it starts over, so a stale row costs one failed write at most.
/// </summary>
internal sealed class RecentItemStates
{
    private readonly ConcurrentDictionary<string, TableEntity> _rows = new(StringComparer.Ordinal);
    private readonly int _capacity;

    /// <summary>Creates the memory.</summary>
    /// <param name="capacity">How many items it holds before starting over.</param>
    public RecentItemStates(int capacity) => _capacity = capacity;

    /// <summary>Remembers a state row as storage holds it (its ETag must be the stored one). The row must not be changed afterwards.</summary>
    /// <param name="state">The state row.</param>
    public void Remember(TableEntity state)
    {
        if (state.ETag == default)
        {
            return;
        }

        if (_rows.Count >= _capacity)
        {
            _rows.Clear();
        }

        _rows[state.PartitionKey] = state;
    }

    /// <summary>The remembered state row of an item of <paramref name="kind"/>, or <see langword="null"/>.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <returns>The row; possibly stale.</returns>
    public TableEntity? Find(ItemKind kind, string id) =>
        _rows.TryGetValue(id, out var state) && ItemEntities.KindOf(state) == kind ? state : null;

    /// <summary>Forgets an item whose row changed in a way this memory did not see.</summary>
    /// <param name="id">Item id.</param>
    public void Forget(string id) => _rows.TryRemove(id, out _);
}
