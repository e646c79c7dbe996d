using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Core.Lifecycle;

/// <summary>What a recorded transition does to an item besides its status: its commencement and completion dates and its overdue flag.</summary>
/// <param name="CommencedOn">Effective date of commencement: set by Proposed → Commenced, kept by a reopen and by completion.</param>
/// <param name="CompletedOn">Effective date of completion while Completed; cleared by a reopen.</param>
/// <param name="Overdue">Whether the item is overdue in its new status on the day the entry was recorded (Asia/Shanghai).</param>
public sealed record TransitionEffects(DateOnly? CommencedOn, DateOnly? CompletedOn, bool Overdue)
{
    /// <summary>The effects of <paramref name="entry"/> on <paramref name="item"/>.</summary>
    /// <param name="item">The item before the transition.</param>
    /// <param name="entry">The history entry being recorded.</param>
    /// <returns>The item's dates and overdue flag after it.</returns>
    public static TransitionEffects Of(CatalogueItem item, TransitionRecord entry)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(entry);
        var commencedOn = entry.To == ItemStatus.Commenced && entry.From == ItemStatus.Proposed ? entry.EffectiveDate : item.CommencedOn;

        // A reopen of an item with no commencement date on record takes the reopen's date.
        commencedOn ??= entry.To == ItemStatus.Commenced ? entry.EffectiveDate : null;
        var completedOn = entry.To == ItemStatus.Completed ? entry.EffectiveDate : (DateOnly?)null;
        var overdue = OverdueRule.IsOverdue(entry.To, item.PlannedCommencement, item.PlannedCompletion, ShanghaiClock.Today(entry.RecordedAt));
        return new TransitionEffects(commencedOn, completedOn, overdue);
    }
}
