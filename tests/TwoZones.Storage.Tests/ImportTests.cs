using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class ImportTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<StorageContext> NewContextAsync() => CreateAsync(azurite.ConnectionString);

    [Fact]
    public async Task Importing_twice_creates_nothing_the_second_time()
    {
        var ctx = await NewContextAsync();
        var items = Enumerable.Range(1, 120).Select(i => NewTask($"T{i:D3}", status: (ItemStatus)(i % 3))).ToArray();

        var first = await ctx.Items.ImportAsync(items, "importer", default);
        var second = await ctx.Items.ImportAsync(items, "importer", default);

        Assert.Equal(new ImportResult(120, 0), first);
        Assert.Equal(new ImportResult(0, 120), second);
        Assert.Equal(120, (await ctx.Items.ReadSnapshotsAsync(null, default)).Count);
        Assert.Equal(2, (await ctx.Items.GetHistoryAsync(ItemKind.Task, "T002", default))!.Entries.Count);
    }

    [Fact]
    public async Task An_import_never_moves_an_existing_status()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"), NewTask("T002"));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", Coordinator, To(ItemStatus.Commenced), null, null, default);
        var before = await ctx.Items.GetAsync(ItemKind.Task, "T001", default);

        var result = await ctx.SeedAsync(
            NewTask("T001", status: ItemStatus.Completed) with { TitleEn = "renamed" },
            NewTask("T002", status: ItemStatus.Completed),
            NewTask("T003"));

        Assert.Equal(new ImportResult(1, 2), result);
        var after = await ctx.Items.GetAsync(ItemKind.Task, "T001", default);
        ItemAssert.AssertSame(before, after);
        Assert.Equal(ItemStatus.Proposed, (await ctx.Items.GetAsync(ItemKind.Task, "T002", default))!.Status);
        Assert.Single((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T001", default))!.Entries);
        Assert.Empty((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T002", default))!.Entries);
    }

    [Fact]
    public async Task A_completed_item_is_imported_with_a_valid_two_entry_chain()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001", status: ItemStatus.Completed), NewTask("T002", status: ItemStatus.Commenced), NewTask("T003"));

        var completed = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T001", default);
        Assert.True(completed!.Verification.IsValid);
        Assert.Collection(
            completed.Entries,
            e =>
            {
                Assert.Equal((1, ItemStatus.Proposed, ItemStatus.Commenced, new DateOnly(2025, 3, 1)), (e.Seq, e.From, e.To, e.EffectiveDate));
                Assert.Equal(("import-test", "imported"), (e.Actor, e.Note));
            },
            e => Assert.Equal((2, ItemStatus.Commenced, ItemStatus.Completed, new DateOnly(2026, 5, 20)), (e.Seq, e.From, e.To, e.EffectiveDate)));
        var item = await ctx.Items.GetAsync(ItemKind.Task, "T001", default);
        Assert.Equal((ItemStatus.Completed, 2, (DateOnly?)new DateOnly(2026, 5, 20)), (item!.Status, item.HistoryLength, item.LastEffectiveDate));
        Assert.Equal(new DateOnly(2025, 3, 1), item.Item.CommencedOn);
        Assert.Equal("import-test", item.UpdatedBy);
        Assert.Equal(Now, item.UpdatedAt);

        var commenced = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T002", default);
        Assert.True(commenced!.Verification.IsValid);
        Assert.Single(commenced.Entries);
        Assert.Empty((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T003", default))!.Entries);

        // The chain continues from the imported entries.
        ctx.Clock.Advance(TimeSpan.FromHours(1));
        var next = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", Coordinator, To(ItemStatus.Completed), null, null, default);
        Assert.Equal(2, next.Entry!.Seq);
        Assert.True((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T002", default))!.Verification.IsValid);
    }

    [Fact]
    public async Task Imported_fields_round_trip()
    {
        var ctx = await NewContextAsync();
        var measure = NewMeasure("P03-M017") with { CoAgencies = ["BMFB", "BMEB"], Tasks = ["T001", "T042"], District = null, PlannedCommencement = null };
        await ctx.SeedAsync(measure);

        var stored = (await ctx.Items.GetAsync(ItemKind.Measure, "P03-M017", default))!.Item;
        Assert.Equal(measure.CoAgencies, stored.CoAgencies);
        Assert.Equal(measure.Tasks, stored.Tasks);
        Assert.Equal(measure with { CoAgencies = stored.CoAgencies, Tasks = stored.Tasks }, stored);
    }

    [Fact]
    public async Task Ids_that_cannot_be_keys_are_refused_before_anything_is_written()
    {
        var ctx = await NewContextAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => ctx.SeedAsync(NewTask("T001"), NewTask("T/002")));

        Assert.Empty(await ctx.Items.ReadSnapshotsAsync(null, default));
    }
}
