using Azure;
using Azure.Data.Tables;

namespace TwoZones.Storage.Entities;

/// <summary>
/// Moves items written under the first row-key layout (<c>state</c>, <c>h-000001</c>) to the current one (<c>state|id</c>,
/// <c>h-000001|id</c>). Each item moves in entity-group transactions within its partition, its state row last, so an interrupted
/// move is found and finished at the next start; the rows keep every column, so hashes and versions are unchanged.
/// </summary>
internal static class ItemKeyMigration
{
    public static async Task RunAsync(TableClient items, CancellationToken cancellationToken)
    {
        var legacy = new List<string>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ItemColumns.LegacyStateRowKey}");
        await foreach (var row in items.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            legacy.Add(row.PartitionKey);
        }

        foreach (var itemId in legacy)
        {
            await MoveAsync(items, itemId, cancellationToken);
        }
    }

    private static async Task MoveAsync(TableClient items, string itemId, CancellationToken cancellationToken)
    {
        TableEntity? state = null;
        var history = new List<TableEntity>();
        await foreach (var row in items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {itemId}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == ItemColumns.LegacyStateRowKey)
            {
                state = row;
            }
            else if (row.RowKey.StartsWith(ItemColumns.HistoryRowPrefix, StringComparison.Ordinal) && !row.RowKey.Contains('|', StringComparison.Ordinal))
            {
                history.Add(row);
            }
        }

        // Two operations per row and at most 100 per transaction.
        foreach (var batch in history.Chunk(50))
        {
            await items.SubmitTransactionAsync([.. batch.SelectMany(row => Move(row, ItemColumns.HistoryRowKey(itemId, HistoryEntities.SeqFromRowKey(row.RowKey))))], cancellationToken);
        }

        if (state is not null)
        {
            await items.SubmitTransactionAsync([.. Move(state, ItemColumns.StateRowKey(itemId))], cancellationToken);
        }
    }

    private static IEnumerable<TableTransactionAction> Move(TableEntity row, string newKey)
    {
        var moved = new TableEntity(row.PartitionKey, newKey);
        foreach (var (name, value) in row)
        {
            if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                moved[name] = value;
            }
        }

        yield return new TableTransactionAction(TableTransactionActionType.UpsertReplace, moved);
        yield return new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All);
    }
}
