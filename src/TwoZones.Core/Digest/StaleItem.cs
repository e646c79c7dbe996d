using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>A commenced item with no news for the stale period: a reminder to its lead agency to report.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Kind">Task or measure.</param>
/// <param name="Programme">Programme id.</param>
/// <param name="TitleEn">English title.</param>
/// <param name="TitleZh">Chinese title.</param>
/// <param name="LeadAgency">Lead agency id.</param>
/// <param name="LastActivity">Effective date of its latest history entry.</param>
/// <param name="QuietDays">Days since then.</param>
public sealed record StaleItem(
    string Id,
    ItemKind Kind,
    string Programme,
    string TitleEn,
    string TitleZh,
    string LeadAgency,
    DateOnly LastActivity,
    int QuietDays)
{
    /// <summary>The reminder for an item, if it is stale on <paramref name="today"/>.</summary>
    /// <param name="item">The catalogue item (titles, agency).</param>
    /// <param name="status">Its current status.</param>
    /// <param name="lastActivity">Effective date of its latest history entry.</param>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <param name="periodDays">The stale period.</param>
    /// <returns>The reminder, or <see langword="null"/> when the item is not stale.</returns>
    public static StaleItem? From(CatalogueItem item, ItemStatus status, DateOnly? lastActivity, DateOnly today, int periodDays)
    {
        ArgumentNullException.ThrowIfNull(item);
        return StaleRule.IsStale(status, lastActivity, today, periodDays)
            ? new StaleItem(item.Id, item.Kind, item.Programme, item.TitleEn, item.TitleZh, item.LeadAgency, lastActivity!.Value, today.DayNumber - lastActivity.Value.DayNumber)
            : null;
    }
}
