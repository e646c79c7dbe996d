using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class TransitionEffectsTests
{
    // 2026-11-23 12:00 in Beijing; 2026-11-22T20:00Z is already the 23rd there.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    private static CatalogueItem Item(ItemStatus status, DateOnly? commencedOn = null, DateOnly? completedOn = null) => new()
    {
        Id = "T001", Kind = ItemKind.Task, Programme = "P01", TitleEn = "t", TitleZh = "任务", LeadAgency = "BMCB",
        PlannedCommencement = new(2026, 11, 1), PlannedCompletion = new(2026, 11, 22),
        Status = status, CommencedOn = commencedOn, CompletedOn = completedOn,
    };

    private static TransitionRecord Entry(ItemStatus from, ItemStatus to, DateOnly effective, DateTimeOffset recordedAt) =>
        HistoryChain.Append("T001", ChainEnd.Genesis, from, new(to, effective, "n", null), recordedAt, "o1");

    [Fact]
    public void Commencing_sets_the_commencement_date_and_is_overdue_once_the_planned_completion_has_passed()
    {
        var effects = TransitionEffects.Of(Item(ItemStatus.Proposed), Entry(ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 11, 5), Now));

        Assert.Equal(new TransitionEffects(new DateOnly(2026, 11, 5), null, Overdue: true), effects);
    }

    [Fact]
    public void Overdue_is_judged_on_the_Beijing_date_of_the_recording()
    {
        // 2026-11-22T15:59Z is still the 22nd in Beijing: the planned completion itself is not overdue.
        var effects = TransitionEffects.Of(
            Item(ItemStatus.Proposed), Entry(ItemStatus.Proposed, ItemStatus.Commenced, new(2026, 11, 5), new(2026, 11, 22, 15, 59, 0, TimeSpan.Zero)));

        Assert.False(effects.Overdue);
    }

    [Fact]
    public void Completing_keeps_the_commencement_date_sets_completion_and_is_never_overdue()
    {
        var effects = TransitionEffects.Of(
            Item(ItemStatus.Commenced, commencedOn: new(2026, 11, 5)), Entry(ItemStatus.Commenced, ItemStatus.Completed, new(2026, 11, 20), Now));

        Assert.Equal(new TransitionEffects(new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 20), Overdue: false), effects);
    }

    [Fact]
    public void A_reopen_clears_completion_keeps_commencement_or_takes_its_own_date_when_there_is_none()
    {
        var kept = TransitionEffects.Of(
            Item(ItemStatus.Completed, new(2026, 11, 5), new(2026, 11, 20)), Entry(ItemStatus.Completed, ItemStatus.Commenced, new(2026, 11, 23), Now));
        var taken = TransitionEffects.Of(
            Item(ItemStatus.Completed, null, new(2026, 11, 20)), Entry(ItemStatus.Completed, ItemStatus.Commenced, new(2026, 11, 23), Now));

        Assert.Equal(new TransitionEffects(new DateOnly(2026, 11, 5), null, Overdue: true), kept);
        Assert.Equal(new DateOnly(2026, 11, 23), taken.CommencedOn);
    }
}
