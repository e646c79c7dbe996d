using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Items;

/// <summary>
/// The items table and the state rows this process last read or wrote (see <see cref="RecentItemStates"/>): shared by the reads,
/// the writes and the import, so a row one of them read spares the others a read.
/// </summary>
internal sealed class ItemRows
{
    // Comfortably more than the programme's items (about 750): every item's last known row stays in memory.
    private const int RecentCapacity = 20_000;

    private readonly RecentItemStates _recent = new(RecentCapacity);

    public ItemRows(TwoZonesTables tables) => Table = tables.Items;

    public TableClient Table { get; }

    /// <summary>The state row of an item of <paramref name="kind"/> as storage holds it now (and remembered), or <see langword="null"/>.</summary>
    public async Task<TableEntity?> ReadStateAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        if (!ItemKeys.IsUsableId(id))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(id, ItemColumns.StateRowKey(id), cancellationToken: cancellationToken);
        if (response.HasValue && response.Value is { } entity && ItemEntities.KindOf(entity) == kind)
        {
            _recent.Remember(entity);
            return entity;
        }

        return null;
    }

    /// <summary>The item as storage holds it now, or <see langword="null"/>.</summary>
    public async Task<ItemRecord?> ReadRecordAsync(ItemKind kind, string id, CancellationToken cancellationToken) =>
        await ReadStateAsync(kind, id, cancellationToken) is { } entity ? ItemEntities.ToRecord(entity) : null;

    /// <summary>The remembered state row, possibly stale; never an answer by itself.</summary>
    public TableEntity? FindRemembered(ItemKind kind, string id) => _recent.Find(kind, id);

    /// <summary>Remembers a row read from storage.</summary>
    public void Remember(TableEntity state) => _recent.Remember(state);

    /// <summary>Remembers a row this process just committed, under the ETag the service answered with.</summary>
    public void RememberCommitted(TableEntity state, ETag etag)
    {
        state.ETag = etag;
        _recent.Remember(state);
    }

    /// <summary>Forgets an item whose row changed in a way the memory did not see.</summary>
    public void Forget(string id) => _recent.Forget(id);
}
