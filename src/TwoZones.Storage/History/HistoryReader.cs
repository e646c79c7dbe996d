using Azure.Data.Tables;
using TwoZones.Core.History;
using TwoZones.Core.Seals;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.History;

/// <summary>
/// Reads the history of every item at once, with one query over the items table (state rows and history rows), for figures over the
/// whole catalogue: progress on a past day, seals, verification and the export. Reading item by item would cost a query per item.
/// </summary>
public sealed class HistoryReader
{
    private static readonly string[] HeadColumns = ["PartitionKey", ItemColumns.Kind, ItemColumns.LastSeq, ItemColumns.LastHash];

    private static readonly string[] AllColumns =
    [
        .. ItemColumns.SnapshotColumns, "RowKey", ItemColumns.LastSeq, ItemColumns.LastHash,
        ItemColumns.Seq, ItemColumns.From, ItemColumns.To, ItemColumns.EffectiveDate, ItemColumns.RecordedAt, ItemColumns.Actor,
        ItemColumns.Note, ItemColumns.EvidenceUrl, ItemColumns.PrevHash, ItemColumns.Hash,
    ];

    private readonly TwoZonesTables _tables;

    /// <summary>Creates the reader.</summary>
    /// <param name="tables">The app's tables.</param>
    public HistoryReader(TwoZonesTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    /// <summary>Every item's state and history rows, or only the rows written since an instant.</summary>
    /// <param name="changedSince">Only rows whose server timestamp is at or after this instant; <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>By item id (ordinal). With <paramref name="changedSince"/>, an item appears when any of its rows changed, with only those rows.</returns>
    public async Task<IReadOnlyDictionary<string, StoredItemHistory>> ReadAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        // From the history rows ("h-...") to the state rows ("state|..."); idempotency rows in between are skipped below.
        var filter = TableClient.CreateQueryFilter($"RowKey ge {ItemColumns.HistoryRowPrefix} and RowKey lt {"state}"}");
        if (changedSince is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {since.ToUniversalTime()}");
        }

        var builders = new Dictionary<string, Builder>(StringComparer.Ordinal);
        await foreach (var row in _tables.Items.QueryAsync<TableEntity>(filter, maxPerPage: ItemRepository.MaxPageSize, select: AllColumns, cancellationToken: cancellationToken))
        {
            var isState = row.RowKey.StartsWith(ItemColumns.StateRowPrefix, StringComparison.Ordinal);
            var isHistory = row.RowKey.StartsWith(ItemColumns.HistoryRowPrefix, StringComparison.Ordinal);
            if (!isState && !isHistory)
            {
                continue;
            }

            if (!builders.TryGetValue(row.PartitionKey, out var builder))
            {
                builders[row.PartitionKey] = builder = new Builder();
            }

            if (isState)
            {
                if (ItemEntities.KindOf(row) is not null)
                {
                    builder.Snapshot = ItemEntities.ToSnapshot(row);
                    builder.Head = new ChainHead(row.PartitionKey, ItemEntities.LastSeqOf(row), ItemEntities.LastHashOf(row));
                }
            }
            else if (HistoryEntities.FromEntity(row) is { } entry)
            {
                builder.Entries.Add(entry);
            }
        }

        var result = new Dictionary<string, StoredItemHistory>(builders.Count, StringComparer.Ordinal);
        foreach (var (id, builder) in builders)
        {
            builder.Entries.Sort((a, b) => a.Seq.CompareTo(b.Seq));
            result[id] = new StoredItemHistory(builder.Snapshot, builder.Head, builder.Entries);
        }

        return result;
    }

    /// <summary>The chain head every item's state row records, read from the state rows alone (what a seal commits to).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One head per item, in no particular order.</returns>
    public async Task<IReadOnlyList<ChainHead>> ReadHeadsAsync(CancellationToken cancellationToken)
    {
        var heads = new List<ChainHead>();
        await foreach (var row in _tables.Items.QueryAsync<TableEntity>(
            ItemColumns.StateRowsFilter(), maxPerPage: ItemRepository.MaxPageSize, select: HeadColumns, cancellationToken: cancellationToken))
        {
            if (ItemEntities.KindOf(row) is not null)
            {
                heads.Add(new ChainHead(row.PartitionKey, ItemEntities.LastSeqOf(row), ItemEntities.LastHashOf(row)));
            }
        }

        return heads;
    }

    private sealed class Builder
    {
        public Core.Progress.ItemSnapshot? Snapshot { get; set; }

        public ChainHead? Head { get; set; }

        public List<TransitionRecord> Entries { get; } = [];
    }
}
