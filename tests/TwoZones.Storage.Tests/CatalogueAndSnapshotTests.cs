using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class CatalogueAndSnapshotTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<StorageContext> NewContextAsync() => CreateAsync(azurite.ConnectionString);

    [Fact]
    public async Task Metadata_is_upserted_and_read_in_catalogue_order()
    {
        var ctx = await NewContextAsync();
        Assert.Empty(await ctx.Catalogue.GetProgrammesAsync(default));
        Assert.Null(await ctx.Catalogue.GetSavedAtAsync(default));

        Agency[] agencies = [new("BMFB", "Finance", "财政局"), new("BMCB", "Commerce", "商务局")];
        var programmes = Enumerable.Range(1, 10).Reverse().Select(i => new Programme($"P{i:D2}", $"Programme {i}", $"方案 {i}", "BMCB")).ToArray();
        await ctx.Catalogue.SaveMetadataAsync(agencies, programmes, default);
        await ctx.Catalogue.SaveMetadataAsync([new("BMCB", "Commerce Bureau", "北京市商务局"), agencies[0]], programmes, default);

        Assert.Equal(["BMCB", "BMFB"], (await ctx.Catalogue.GetAgenciesAsync(default)).Select(a => a.Id));
        Assert.Equal("北京市商务局", (await ctx.Catalogue.GetAgenciesAsync(default))[0].NameZh);
        Assert.Equal(programmes, await ctx.Catalogue.GetProgrammesAsync(default));
        Assert.Equal(programmes[7], await ctx.Catalogue.GetProgrammeAsync("P03", default));
        Assert.Null(await ctx.Catalogue.GetProgrammeAsync("P11", default));
        Assert.Null(await ctx.Catalogue.GetProgrammeAsync("P0' or '1' eq '1", default));
        Assert.Equal(Now, await ctx.Catalogue.GetSavedAtAsync(default));
    }

    [Fact]
    public async Task Snapshots_answer_latest_at_or_before_and_ranges()
    {
        var ctx = await NewContextAsync();
        Assert.Null(await ctx.Snapshots.GetLatestAsync(default));

        var t0 = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        for (var day = 0; day < 5; day++)
        {
            await ctx.Snapshots.SaveAsync(Report(t0.AddDays(day), completed: day), default);
        }

        var latest = await ctx.Snapshots.GetLatestAsync(default);
        Assert.Equal(t0.AddDays(4), latest!.AsOf);
        Assert.Equal(4, latest.Overall.Completed);
        Assert.Equal(new ProgressCounts(3, 1, 1, 1, 0), latest.Programmes["P02"]);
        Assert.Equal(["P01", "P02"], latest.Programmes.Keys.Order());

        Assert.Equal(t0.AddDays(2), (await ctx.Snapshots.GetLatestAtOrBeforeAsync(t0.AddDays(2), default))!.AsOf);
        Assert.Equal(t0.AddDays(2), (await ctx.Snapshots.GetLatestAtOrBeforeAsync(t0.AddDays(3).AddTicks(-1), default))!.AsOf);
        Assert.Null(await ctx.Snapshots.GetLatestAtOrBeforeAsync(t0.AddTicks(-1), default));

        var range = await ctx.Snapshots.ListAsync(t0.AddDays(1), t0.AddDays(3), default);
        Assert.Equal([t0.AddDays(1), t0.AddDays(2), t0.AddDays(3)], range.Select(s => s.AsOf));
        Assert.Equal([1, 2, 3], range.Select(s => s.Overall.Completed));
    }

    private static ProgressReport Report(DateTimeOffset asOf, int completed) => new(
        asOf,
        Total: 10,
        Proposed: 10 - completed,
        Commenced: 0,
        Completed: completed,
        Overdue: 1,
        Programmes:
        [
            new ProgrammeProgress("P01", "One", "一", 7, 6, 0, 1, 1),
            new ProgrammeProgress("P02", "Two", "二", 3, 1, 1, 1, 0),
        ],
        Agencies: [new AgencyProgress("BMCB", "Commerce", "商务局", 10, 8, 1, 1, 1)],
        Districts: [new DistrictProgress(null, 10, 8, 1, 1, 1)],
        Kinds: [new KindProgress(ItemKind.Task, 10, 8, 1, 1, 1)]);
}
