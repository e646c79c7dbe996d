using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Tests;

public class ImportedItemTests
{
    // 2026-11-23 12:00 in Beijing.
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 4, 0, 0, TimeSpan.Zero);

    private static CatalogueItem Item(ItemStatus status, DateOnly? commencedOn = null, DateOnly? completedOn = null) => new()
    {
        Id = "T001", Kind = ItemKind.Task, Programme = "P01", TitleEn = "t", TitleZh = "任务", LeadAgency = "BMCB",
        PlannedCommencement = new(2026, 11, 1), PlannedCompletion = new(2026, 12, 31),
        Status = status, CommencedOn = commencedOn, CompletedOn = completedOn,
    };

    [Fact]
    public void A_proposed_item_has_no_history_and_no_dates()
    {
        var imported = ImportedItem.Of(Item(ItemStatus.Proposed, new(2026, 11, 2), new(2026, 11, 3)), Now, "importer");

        Assert.Empty(imported.History);
        Assert.Null(imported.Last);
        Assert.Null(imported.Item.CommencedOn);
        Assert.Null(imported.Item.CompletedOn);
        Assert.True(imported.Overdue);
    }

    [Fact]
    public void A_completed_item_gets_a_valid_chain_through_commenced_dated_from_the_catalogue()
    {
        var imported = ImportedItem.Of(Item(ItemStatus.Completed, completedOn: new(2026, 11, 10)), Now, "importer");

        Assert.Equal(2, imported.History.Count);
        Assert.Equal((ItemStatus.Proposed, ItemStatus.Commenced, new DateOnly(2026, 11, 10)), (imported.History[0].From, imported.History[0].To, imported.History[0].EffectiveDate));
        Assert.Equal((ItemStatus.Commenced, ItemStatus.Completed, new DateOnly(2026, 11, 10)), (imported.History[1].From, imported.History[1].To, imported.History[1].EffectiveDate));
        Assert.All(imported.History, e => Assert.Equal((ImportedItem.Note, "importer", Now), (e.Note, e.Actor, e.RecordedAt)));
        Assert.True(HistoryChain.Verify("T001", imported.History, imported.Last!.Hash).IsValid);
        Assert.Equal(new DateOnly(2026, 11, 10), imported.Item.CommencedOn);
        Assert.Equal(new DateOnly(2026, 11, 10), imported.Item.CompletedOn);
        Assert.False(imported.Overdue);
    }

    [Fact]
    public void A_commenced_item_commences_on_the_date_it_has_or_today_in_Beijing_and_keeps_no_completion_date()
    {
        var imported = ImportedItem.Of(Item(ItemStatus.Commenced, completedOn: new(2026, 11, 20)), new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero), "importer");

        var entry = Assert.Single(imported.History);
        Assert.Equal(new DateOnly(2026, 11, 20), entry.EffectiveDate);
        Assert.Equal(new DateOnly(2026, 11, 20), imported.Item.CommencedOn);
        Assert.Null(imported.Item.CompletedOn);

        var undated = ImportedItem.Of(Item(ItemStatus.Commenced), new DateTimeOffset(2026, 11, 22, 16, 30, 0, TimeSpan.Zero), "importer");
        Assert.Equal(new DateOnly(2026, 11, 23), undated.Item.CommencedOn);
    }
}
