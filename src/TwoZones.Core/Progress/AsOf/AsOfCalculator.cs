using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Time;

namespace TwoZones.Core.Progress.AsOf;

/// <summary>
/// Recomputes progress for a past day from each item's history: an item's status on a day is the target of its last entry (in seq
/// order) whose effective date is on or before that day, Proposed when there is none. Formulas: <c>docs/progress.md</c>.
/// </summary>
public static class AsOfCalculator
{
    /// <summary>Most item ids <see cref="LateCorrections.Items"/> lists.</summary>
    public const int MaxListedItems = 100;

    /// <summary>The instant an Asia/Shanghai day ends: midnight at the start of the next day, in UTC.</summary>
    /// <param name="date">The day.</param>
    /// <returns>E.g. 2024-08-21T16:00:00Z for 2024-08-21.</returns>
    public static DateTimeOffset EndOf(DateOnly date)
    {
        var midnight = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, ShanghaiClock.Zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>An item's status at the end of <paramref name="date"/>.</summary>
    /// <param name="entries">Its history in seq order.</param>
    /// <param name="date">The day.</param>
    /// <param name="recordedBefore">Only entries recorded before this instant count; <see langword="null"/> for all.</param>
    /// <returns>The status.</returns>
    public static ItemStatus StatusOn(IReadOnlyList<TransitionRecord> entries, DateOnly date, DateTimeOffset? recordedBefore = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var status = ItemStatus.Proposed;
        foreach (var entry in entries)
        {
            if (entry.EffectiveDate <= date && (recordedBefore is null || entry.RecordedAt < recordedBefore))
            {
                status = entry.To;
            }
        }

        return status;
    }

    /// <summary>Progress at the end of <paramref name="date"/>.</summary>
    /// <param name="items">The items to count (filter beforehand, e.g. to one kind); every item of the catalogue counts, whenever it was added.</param>
    /// <param name="histories">Each item's entries in seq order; an item without entries may be left out.</param>
    /// <param name="programmes">All programmes.</param>
    /// <param name="agencies">All agencies.</param>
    /// <param name="date">The Asia/Shanghai day.</param>
    /// <returns>The figures and the late corrections.</returns>
    public static AsOfProgress Compute(
        IReadOnlyList<ItemSnapshot> items,
        IReadOnlyDictionary<string, IReadOnlyList<TransitionRecord>> histories,
        IReadOnlyList<Programme> programmes,
        IReadOnlyList<Agency> agencies,
        DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(histories);
        var end = EndOf(date);
        var now = new List<ItemSnapshot>(items.Count);
        var recorded = new List<ItemSnapshot>(items.Count);
        var late = new List<string>();
        foreach (var item in items)
        {
            var entries = histories.TryGetValue(item.Id, out var found) ? found : [];
            var status = StatusOn(entries, date);
            var statusThen = StatusOn(entries, date, end);
            now.Add(item with { Status = status });
            recorded.Add(item with { Status = statusThen });
            if (status != statusThen)
            {
                late.Add(item.Id);
            }
        }

        // Overdue on a day follows the rule for "today": the planned date itself is not overdue.
        var report = ProgressCalculator.Compute(now, programmes, agencies, date, end);
        var asRecorded = ProgressCalculator.Compute(recorded, [], [], date, end).Overall;
        late.Sort(StringComparer.Ordinal);
        var corrections = new LateCorrections(late.Count > 0, late.Count, late.Take(MaxListedItems).ToList(), asRecorded);
        return new AsOfProgress(date, report, corrections);
    }
}
