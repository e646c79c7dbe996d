using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>An item whose next planned date has passed.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind">Task or measure.</param>
/// <param name="Programme">Programme id.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="TitleZh">Chinese title.</param>
/// <param name="LeadAgency">Lead agency id.</param>
/// <param name="Status">Current status (Proposed or Commenced).</param>
/// <param name="MissedDate">The planned commencement or completion that passed.</param>
public sealed record OverdueItem(
    string Id,
    ItemKind Kind,
    string Programme,
    string TitleEn,
    string TitleZh,
    string LeadAgency,
    ItemStatus Status,
    DateOnly MissedDate)
{
    /// <summary>The overdue entry for an item with the given current status, if it is overdue on <paramref name="today"/>.</summary>
    /// <param name="item">The catalogue item (titles, dates).</param>
    /// <param name="status">The item's current status (storage's, which may differ from the catalogue's).</param>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <returns>The entry, or <see langword="null"/> when the item is not overdue.</returns>
    public static OverdueItem? From(CatalogueItem item, ItemStatus status, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(item);
        return OverdueRule.MissedDate(status, item.PlannedCommencement, item.PlannedCompletion, today) is { } missed
            ? new OverdueItem(item.Id, item.Kind, item.Programme, item.TitleEn, item.TitleZh, item.LeadAgency, status, missed)
            : null;
    }
}
