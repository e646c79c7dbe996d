using TwoZones.Core.Lifecycle;
using TwoZones.Storage;

namespace TwoZones.Functions.Exports;

/// <summary>Every stored item matching a filter, read page by page (the largest pages storage serves): for exports, feeds and calendars.</summary>
/// <param name="items">Item storage.</param>
public sealed class StoredItems(ItemRepository items)
{
    /// <summary>Reads the items, tasks first, each kind in id order.</summary>
    /// <param name="kind">Only this kind, or both.</param>
    /// <param name="filter">Programme and agency conditions.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The items.</returns>
    public async Task<IReadOnlyList<ItemRecord>> ReadAsync(ItemKind? kind, ItemFilter filter, CancellationToken cancellationToken)
    {
        var all = new List<ItemRecord>();
        foreach (var k in kind is { } only ? [only] : (ItemKind[])[ItemKind.Task, ItemKind.Measure])
        {
            string? token = null;
            do
            {
                var page = await items.ListAsync(k, filter, token, ItemRepository.MaxPageSize, cancellationToken);
                all.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return all;
    }
}
