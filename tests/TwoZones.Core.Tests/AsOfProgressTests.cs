using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Progress.AsOf;

namespace TwoZones.Core.Tests;

public class AsOfProgressTests
{
    private static readonly Programme[] Programmes = [new("P01", "One", "一", "BMCB")];
    private static readonly Agency[] Agencies = [new("BMCB", "Commerce", "商务局")];

    [Fact]
    public void A_day_ends_at_midnight_in_Beijing()
    {
        Assert.Equal(new DateTimeOffset(2024, 8, 21, 16, 0, 0, TimeSpan.Zero), AsOfCalculator.EndOf(new DateOnly(2024, 8, 21)));
        Assert.Equal(TimeSpan.Zero, AsOfCalculator.EndOf(new DateOnly(2024, 12, 31)).Offset);
    }

    [Fact]
    public void Status_on_a_day_follows_the_effective_dates_including_a_reopen()
    {
        var entries = new List<TransitionRecord>();
        Add(entries, "T1", ItemStatus.Proposed, ItemStatus.Commenced, new(2024, 3, 1), Recorded(2024, 3, 1));
        Add(entries, "T1", ItemStatus.Commenced, ItemStatus.Completed, new(2024, 6, 1), Recorded(2024, 6, 2));
        Add(entries, "T1", ItemStatus.Completed, ItemStatus.Commenced, new(2024, 7, 1), Recorded(2024, 7, 1));

        Assert.Equal(ItemStatus.Proposed, AsOfCalculator.StatusOn(entries, new(2024, 2, 29)));
        Assert.Equal(ItemStatus.Commenced, AsOfCalculator.StatusOn(entries, new(2024, 3, 1)));
        Assert.Equal(ItemStatus.Completed, AsOfCalculator.StatusOn(entries, new(2024, 6, 30)));
        Assert.Equal(ItemStatus.Commenced, AsOfCalculator.StatusOn(entries, new(2024, 7, 1)));

        // What was known at the end of 2024-06-01: the completion was only recorded the next day.
        Assert.Equal(ItemStatus.Commenced, AsOfCalculator.StatusOn(entries, new(2024, 6, 1), AsOfCalculator.EndOf(new(2024, 6, 1))));
    }

    [Fact]
    public void Figures_for_a_past_day_reproduce_the_statement_and_say_what_was_corrected_later()
    {
        // 50 tasks: 49 commenced by 2024-08-21 (one of them recorded only in September), one still proposed.
        var items = Enumerable.Range(1, 50).Select(i => new ItemSnapshot($"T{i:000}", ItemKind.Task, "P01", "BMCB", null, ItemStatus.Completed, new(2024, 12, 1), new(2025, 12, 1))).ToList();
        var histories = new Dictionary<string, IReadOnlyList<TransitionRecord>>();
        for (var i = 1; i <= 49; i++)
        {
            var entries = new List<TransitionRecord>();
            var id = $"T{i:000}";
            Add(entries, id, ItemStatus.Proposed, ItemStatus.Commenced, new(2024, 5, 1), i == 7 ? Recorded(2024, 9, 3) : Recorded(2024, 5, 1));
            Add(entries, id, ItemStatus.Commenced, ItemStatus.Completed, new(2025, 5, 1), Recorded(2025, 5, 1));
            histories[id] = entries;
        }

        var result = AsOfCalculator.Compute(items, histories, Programmes, Agencies, new(2024, 8, 21));

        Assert.Equal(new DateOnly(2024, 8, 21), result.Date);
        Assert.Equal(50, result.Report.Total);
        Assert.Equal(49, result.Report.Commenced);
        Assert.Equal(0, result.Report.Completed);
        Assert.Equal(98.0, result.Report.CommencedPct);
        Assert.Equal(AsOfCalculator.EndOf(new(2024, 8, 21)), result.Report.AsOf);
        Assert.Equal(49, result.Report.Programmes.Single().Commenced);

        Assert.True(result.LateCorrections.Changed);
        Assert.Equal(["T007"], result.LateCorrections.Items);
        Assert.Equal(48, result.LateCorrections.AsRecorded.Commenced);
        Assert.Equal(96.0, result.LateCorrections.AsRecorded.CommencedPct);

        // T050 (never moved) is overdue on a day after its planned commencement, not on it.
        Assert.Equal(0, AsOfCalculator.Compute(items, histories, Programmes, Agencies, new(2024, 12, 1)).Report.Overdue);
        Assert.Equal(1, AsOfCalculator.Compute(items, histories, Programmes, Agencies, new(2024, 12, 2)).Report.Overdue);

        var later = AsOfCalculator.Compute(items, histories, Programmes, Agencies, new(2024, 10, 1));
        Assert.False(later.LateCorrections.Changed);
        Assert.Empty(later.LateCorrections.Items);
        Assert.Equal(later.Report.Overall, later.LateCorrections.AsRecorded);
    }

    private static DateTimeOffset Recorded(int y, int m, int d) => new(y, m, d, 2, 0, 0, TimeSpan.Zero);

    private static void Add(List<TransitionRecord> entries, string id, ItemStatus from, ItemStatus to, DateOnly effective, DateTimeOffset recorded) =>
        entries.Add(HistoryChain.Append(id, ChainEnd.After(entries.LastOrDefault()), from, new(to, effective, null, null), recorded, "official"));
}
