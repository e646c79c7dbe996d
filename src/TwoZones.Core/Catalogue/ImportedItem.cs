using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Core.Catalogue;

/// <summary>
/// A catalogue item as it enters tracking. One arriving Commenced or Completed gets the synthetic history entries that lead there
/// (note <c>imported</c>), so its chain, its dates and the lifecycle rules agree with its status from the start.
/// </summary>
/// <param name="Item">The item, its dates made consistent with its status.</param>
/// <param name="History">The synthetic entries, in seq order; empty for a Proposed item.</param>
/// <param name="Overdue">Whether the item is overdue on the day it is imported (Asia/Shanghai).</param>
public sealed record ImportedItem(CatalogueItem Item, IReadOnlyList<TransitionRecord> History, bool Overdue)
{
    /// <summary>The note of every synthetic entry.</summary>
    public const string Note = "imported";

    /// <summary>The last synthetic entry, or <see langword="null"/> when there is none.</summary>
    public TransitionRecord? Last => History.Count == 0 ? null : History[^1];

    /// <summary>Prepares an item for import.</summary>
    /// <param name="item">A validated catalogue item.</param>
    /// <param name="now">Server time of the import (recorded on the entries; its Beijing date stands in for missing dates).</param>
    /// <param name="actor">Recorded as the author of the entries.</param>
    /// <returns>The item with its history.</returns>
    public static ImportedItem Of(CatalogueItem item, DateTimeOffset now, string actor)
    {
        ArgumentNullException.ThrowIfNull(item);
        var today = ShanghaiClock.Today(now);
        var history = new List<TransitionRecord>(2);
        var head = ChainEnd.Genesis;
        var stored = item;
        if (item.Status is ItemStatus.Commenced or ItemStatus.Completed)
        {
            var commencedOn = item.CommencedOn ?? item.CompletedOn ?? today;
            history.Add(HistoryChain.Append(item.Id, head, ItemStatus.Proposed, new(ItemStatus.Commenced, commencedOn, Note, null), now, actor));
            head = ChainEnd.After(history[^1]);
            stored = stored with { CommencedOn = commencedOn };
        }

        if (item.Status == ItemStatus.Completed)
        {
            var completedOn = item.CompletedOn ?? history[^1].EffectiveDate;
            history.Add(HistoryChain.Append(item.Id, head, ItemStatus.Commenced, new(ItemStatus.Completed, completedOn, Note, null), now, actor));
            stored = stored with { CompletedOn = completedOn };
        }
        else
        {
            stored = stored with { CompletedOn = null };
        }

        if (item.Status == ItemStatus.Proposed)
        {
            stored = stored with { CommencedOn = null };
        }

        var overdue = OverdueRule.IsOverdue(stored.Status, stored.PlannedCommencement, stored.PlannedCompletion, today);
        return new ImportedItem(stored, history, overdue);
    }
}
