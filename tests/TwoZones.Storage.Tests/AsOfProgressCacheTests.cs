using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage.History;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class AsOfProgressCacheTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_later_transition_with_an_earlier_effective_date_reaches_the_figures_of_that_day_after_a_refresh()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.Catalogue.SaveMetadataAsync([new Agency("BMCB", "Commerce", "商务局")], [new Programme("P01", "One", "一", "BMCB")], default);
        await ctx.Items.ImportAsync([NewTask("T001", status: ItemStatus.Commenced), NewTask("T002"), NewTask("T003")], "import", default);
        var cache = new AsOfProgressCache(new HistoryReader(ctx.Tables), ctx.Catalogue, ctx.Clock);
        var day = Today.AddDays(-5);

        var before = await cache.GetAsync(day, null, default);
        Assert.Equal(3, before.Report.Total);
        Assert.Equal(1, before.Report.Commenced);

        // T001's commencement (2025) was only recorded by the import, after that day.
        Assert.Equal(["T001"], before.LateCorrections.Items);
        Assert.Equal(0, before.LateCorrections.AsRecorded.Commenced);

        var moved = await ctx.Items.ApplyTransitionAsync(
            ItemKind.Task, "T002", CommerceOfficial, new TransitionRequest(ItemStatus.Commenced, Today.AddDays(-10), "reported late", null), null, null, default);
        Assert.Equal(TransitionResultKind.Applied, moved.Outcome);

        // Within its age the copy answers as it was; after it, a request starts a refresh and the next one sees the transition.
        Assert.Equal(1, (await cache.GetAsync(day, null, default)).Report.Commenced);
        ctx.Clock.Advance(AsOfProgressCache.MaxAge + TimeSpan.FromSeconds(1));
        await cache.GetAsync(day, null, default);
        await cache.RefreshAsync(default);
        var after = await cache.GetAsync(day, null, default);
        Assert.Equal(2, after.Report.Commenced);
        Assert.Equal(["T001", "T002"], after.LateCorrections.Items);
        Assert.Equal(0, after.LateCorrections.AsRecorded.Commenced);
        Assert.Equal(1, (await cache.GetAsync(Today.AddDays(-11), ItemKind.Task, default)).Report.Commenced);
    }
}
