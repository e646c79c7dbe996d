using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Progress;

/// <summary>
/// When a commenced item counts as stale: nothing has been recorded on it (no status change, and so no note or evidence, which travel
/// with one) for a period, 90 days unless configured otherwise. The period runs from the effective date of the item's latest history
/// entry, so a record migrated by an import is judged by when it last moved, not by when it was imported.
/// </summary>
public static class StaleRule
{
    /// <summary>The period without news after which a commenced item is stale, when none is configured.</summary>
    public const int DefaultPeriodDays = 90;

    /// <summary>The latest activity date that is stale on <paramref name="today"/>: an item last active on or before it is stale.</summary>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <param name="periodDays">The period in days (at least 1).</param>
    /// <returns><paramref name="today"/> minus the period.</returns>
    public static DateOnly Cutoff(DateOnly today, int periodDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodDays, 1);
        return today.AddDays(-periodDays);
    }

    /// <summary>Whether an item is stale on <paramref name="today"/>.</summary>
    /// <param name="status">Current status; only Commenced items can be stale.</param>
    /// <param name="lastActivity">Effective date of the latest history entry; <see langword="null"/> when there is none.</param>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <param name="periodDays">The period in days.</param>
    /// <returns>Commenced, with a latest entry at least <paramref name="periodDays"/> days before today.</returns>
    public static bool IsStale(ItemStatus status, DateOnly? lastActivity, DateOnly today, int periodDays) =>
        status == ItemStatus.Commenced && lastActivity is { } last && last <= Cutoff(today, periodDays);
}
