using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Progress;

/// <summary>When an item counts as overdue: its next planned date has passed without the transition.</summary>
public static class OverdueRule
{
    /// <summary>Whether an item is overdue on <paramref name="today"/>.</summary>
    /// <param name="status">Current status.</param>
    /// <param name="plannedCommencement">Planned start, if any.</param>
    /// <param name="plannedCompletion">Planned end, if any.</param>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <returns>
    /// Proposed with planned commencement before today, or Commenced with planned completion before today.
    /// The planned date itself is not overdue; the day after is.
    /// </returns>
    public static bool IsOverdue(ItemStatus status, DateOnly? plannedCommencement, DateOnly? plannedCompletion, DateOnly today) =>
        MissedDate(status, plannedCommencement, plannedCompletion, today) is not null;

    /// <summary>The planned date an overdue item missed.</summary>
    /// <param name="status">Current status.</param>
    /// <param name="plannedCommencement">Planned start, if any.</param>
    /// <param name="plannedCompletion">Planned end, if any.</param>
    /// <param name="today">The Asia/Shanghai date.</param>
    /// <returns>The missed planned date, or <see langword="null"/> when the item is not overdue.</returns>
    public static DateOnly? MissedDate(ItemStatus status, DateOnly? plannedCommencement, DateOnly? plannedCompletion, DateOnly today) =>
        status switch
        {
            ItemStatus.Proposed when plannedCommencement < today => plannedCommencement,
            ItemStatus.Commenced when plannedCompletion < today => plannedCompletion,
            _ => null,
        };

    /// <summary>The date an item's next deadline falls on (the day after it, the item is overdue).</summary>
    /// <param name="status">Current status.</param>
    /// <param name="plannedCommencement">Planned start, if any.</param>
    /// <param name="plannedCompletion">Planned end, if any.</param>
    /// <returns>Planned commencement while Proposed, planned completion while Commenced, otherwise <see langword="null"/>.</returns>
    public static DateOnly? NextDeadline(ItemStatus status, DateOnly? plannedCommencement, DateOnly? plannedCompletion) =>
        status switch
        {
            ItemStatus.Proposed => plannedCommencement,
            ItemStatus.Commenced => plannedCompletion,
            _ => null,
        };
}
