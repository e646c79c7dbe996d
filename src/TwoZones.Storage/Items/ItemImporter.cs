using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Items;

/// <summary>Creates the items of a catalogue that do not exist yet, each with its synthetic history (<see cref="ImportedItem"/>) in one transaction.</summary>
internal sealed class ItemImporter(ItemRows rows, TimeProvider time)
{
    private const int ImportParallelism = 16;
    private const int PrescanThreshold = 50;

    public async Task<ImportResult> ImportAsync(IReadOnlyList<CatalogueItem> items, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var unusable = items.FirstOrDefault(i => !ItemKeys.IsUsableId(i.Id));
        if (unusable is not null)
        {
            throw new ArgumentException($"Item id '{unusable.Id}' cannot be stored.", nameof(items));
        }

        // A listing of existing ids saves one failed transaction per known item on a re-import; for a handful of items
        // (an orchestration creating items one at a time) the scan would cost more than it saves.
        var existing = items.Count > PrescanThreshold
            ? await ReadExistingIdsAsync(cancellationToken)
            : new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var created = 0;
        var unchanged = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ImportParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, ct) =>
        {
            var isNew = !existing.ContainsKey(item.Id) && await CreateAsync(item, actor, ct);
            Interlocked.Increment(ref isNew ? ref created : ref unchanged);
        });

        return new ImportResult(created, unchanged);
    }

    private async Task<bool> CreateAsync(CatalogueItem item, string actor, CancellationToken cancellationToken)
    {
        var now = StoredValues.Instant(time.GetUtcNow());
        var imported = ImportedItem.Of(item, now, actor);
        var state = ItemEntities.NewState(imported, now, actor);
        var actions = new List<TableTransactionAction>(3) { new(TableTransactionActionType.Add, state) };
        actions.AddRange(imported.History.Select(h => new TableTransactionAction(TableTransactionActionType.Add, HistoryEntities.ToEntity(item.Id, h))));
        try
        {
            var response = await rows.Table.SubmitTransactionAsync(actions, cancellationToken);
            if (response.Value.Count > 0 && response.Value[0].Headers.ETag is { } etag)
            {
                rows.RememberCommitted(state, etag);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private async Task<ConcurrentDictionary<string, bool>> ReadExistingIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var filter = ItemColumns.StateRowsFilter();
        await foreach (var row in rows.Table.QueryAsync<TableEntity>(filter, maxPerPage: ItemRepository.MaxPageSize, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids[row.PartitionKey] = true;
        }

        return ids;
    }
}
