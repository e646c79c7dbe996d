using Azure;
using Azure.Data.Tables;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Items;

/// <summary>The reads of the items table: one item, listings with continuation tokens, history, transitions in a period, snapshots.</summary>
internal sealed class ItemQueries(ItemRows rows)
{
    private TableClient Table => rows.Table;

    public async Task<ItemPage> ListAsync(ItemKind kind, ItemFilter filter, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, ItemRepository.MaxPageSize);

        var clientToken = ContinuationTokens.Decode(continuationToken);
        var query = ListFilter(kind, filter);
        var items = new List<ItemRecord>(pageSize);
        var next = clientToken;
        var first = true;

        // The service may answer a page with no rows and a token (it stops scanning after a time or row budget);
        // reading on keeps clients from seeing empty pages in the middle of a listing.
        do
        {
            Page<TableEntity> page;
            try
            {
                page = await FirstPageAsync(query, next, pageSize - items.Count, cancellationToken);
            }
            catch (Exception ex) when (first && clientToken is not null && IsRejectedToken(ex))
            {
                throw new InvalidContinuationTokenException("The continuation token is not valid.", ex);
            }

            first = false;
            foreach (var row in page.Values)
            {
                rows.Remember(row);
                items.Add(ItemEntities.ToRecord(row));
            }

            next = page.ContinuationToken;
        }
        while (items.Count == 0 && next is not null);

        return new ItemPage(items, ContinuationTokens.Encode(next));
    }

    public async Task<IReadOnlyDictionary<string, List<TransitionRecord>>> ReadTransitionsRecordedAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey gt {ItemColumns.HistoryRowPrefix} and RowKey lt {"h."} and RecordedAt ge {from.ToUniversalTime()} and RecordedAt lt {to.ToUniversalTime()}");
        var entries = new Dictionary<string, List<TransitionRecord>>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: ItemRepository.MaxPageSize, cancellationToken: cancellationToken))
        {
            if (HistoryEntities.FromEntity(row) is { } entry)
            {
                if (!entries.TryGetValue(row.PartitionKey, out var list))
                {
                    entries[row.PartitionKey] = list = [];
                }

                list.Add(entry);
            }
        }

        foreach (var list in entries.Values)
        {
            list.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        }

        return entries;
    }

    public async Task<ItemHistory?> GetHistoryAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        var state = await rows.ReadStateAsync(kind, id, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var filter = ItemColumns.HistoryRowsFilter(id);
        var entries = new List<TransitionRecord>();
        int? unreadableSeq = null;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: ItemRepository.MaxPageSize, cancellationToken: cancellationToken))
        {
            var entry = HistoryEntities.FromEntity(row);
            if (entry is null)
            {
                unreadableSeq ??= HistoryEntities.SeqFromRowKey(row.RowKey);
                continue;
            }

            if (unreadableSeq is null)
            {
                entries.Add(entry);
            }
        }

        var verification = unreadableSeq is { } broken
            ? HistoryChain.Verify(id, entries) is { IsValid: false } earlier
                ? earlier
                : new ChainVerification(false, broken, $"Entry {broken} cannot be read; its content was changed.")
            : HistoryChain.Verify(id, entries, ItemEntities.HeadOf(state).Hash);
        return new ItemHistory(entries, verification);
    }

    public async Task<IReadOnlyList<ItemSnapshot>> ReadSnapshotsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        var filter = ItemColumns.StateRowsFilter();
        if (changedSince is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {since.ToUniversalTime()}");
        }

        var snapshots = new List<ItemSnapshot>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: ItemRepository.MaxPageSize, select: ItemColumns.SnapshotColumns, cancellationToken: cancellationToken))
        {
            if (ItemEntities.KindOf(row) is not null)
            {
                snapshots.Add(ItemEntities.ToSnapshot(row));
            }
        }

        return snapshots;
    }

    private static string ListFilter(ItemKind kind, ItemFilter filter)
    {
        var query = ItemColumns.StateRowsFilter() + " and " + TableClient.CreateQueryFilter($"Kind eq {StoredValues.KindName(kind)}");
        if (filter.Programme is { } programme)
        {
            query += " and " + TableClient.CreateQueryFilter($"Programme eq {programme}");
        }

        if (filter.Agency is { } agency)
        {
            query += " and " + TableClient.CreateQueryFilter($"LeadAgency eq {agency}");
        }

        if (filter.Status is { } status)
        {
            query += " and " + TableClient.CreateQueryFilter($"Status eq {StoredValues.StatusName(status)}");
        }

        if (filter.Overdue is { } overdue)
        {
            query += " and " + TableClient.CreateQueryFilter($"Overdue eq {overdue}");
        }

        if (filter.Stale is { } stale && filter.StaleCutoff is { } cutoff)
        {
            // Dates are stored as yyyy-MM-dd, so comparing the text compares the dates (see StaleRule).
            var commenced = StoredValues.StatusName(ItemStatus.Commenced);
            var day = StoredValues.Date(cutoff);
            query += " and " + (stale
                ? TableClient.CreateQueryFilter($"(Status eq {commenced} and LastEffectiveDate le {day})")
                : TableClient.CreateQueryFilter($"(Status ne {commenced} or LastEffectiveDate gt {day})"));
        }

        return query;
    }

    private async Task<Page<TableEntity>> FirstPageAsync(string query, string? azureToken, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in Table.QueryAsync<TableEntity>(query, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(azureToken, pageSize))
        {
            return page;
        }

        return Page<TableEntity>.FromValues([], null, null!);
    }

    private static bool IsRejectedToken(Exception ex) => ex switch
    {
        RequestFailedException { Status: 400 } => true,
        ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException => true,
        _ => false,
    };
}
