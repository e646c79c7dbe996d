using System.Text;
using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class ListingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<StorageContext> NewContextAsync() => CreateAsync(azurite.ConnectionString);

    private static readonly string[] Injections =
    [
        "' or PartitionKey ne '",
        "x' or 'a' eq 'a",
        "P01' or Programme ne 'P01",
        "BMCB' or '1' eq '1",
        "eq",
        "''",
        "'",
        "\"",
        "P01)",
        "(P01",
        "P01 or true",
        "北京' or RowKey ne '",
        "\u00e9\u0301\u200b",
        "%27 or 1 eq 1",
        "",
    ];

    [Fact]
    public async Task Filter_values_are_parameters_and_never_widen_results()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"), NewTask("T002", agency: "BMFB", programme: "P02"), NewMeasure("P03-M001"));

        foreach (var hostile in Injections)
        {
            var byProgramme = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Programme: hostile), null, 100, default);
            var byAgency = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Agency: hostile), null, 100, default);
            var combined = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Programme: "P01", Agency: hostile), null, 100, default);

            Assert.True(byProgramme.Items.Count == 0, hostile);
            Assert.True(byAgency.Items.Count == 0, hostile);
            Assert.True(combined.Items.Count == 0, hostile);
            Assert.Null(byProgramme.ContinuationToken);
        }

        Assert.Equal(["T001"], (await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Programme: "P01"), null, 100, default)).Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Values_with_quotes_and_unicode_match_exactly()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001", agency: "O'Brien"), NewTask("T002", agency: "北京商务局"), NewTask("T003", agency: "O"));

        var quoted = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Agency: "O'Brien"), null, 100, default);
        var chinese = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Agency: "北京商务局"), null, 100, default);

        Assert.Equal(["T001"], quoted.Items.Select(i => i.Id));
        Assert.Equal(["T002"], chinese.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task Filters_combine_and_kinds_are_separate()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(
            NewTask("T001"),
            NewTask("T002", status: ItemStatus.Commenced),
            NewTask("T003", agency: "BMFB", status: ItemStatus.Commenced),
            NewTask("T004", programme: "P02", status: ItemStatus.Commenced),
            NewTask("T005") with { PlannedCommencement = new DateOnly(2026, 1, 1) },
            NewMeasure("P01-M001"));

        async Task<string[]> Ids(ItemKind kind, ItemFilter filter) =>
            [.. (await ctx.Items.ListAsync(kind, filter, null, 100, default)).Items.Select(i => i.Id)];

        Assert.Equal(["T001", "T002", "T003", "T004", "T005"], await Ids(ItemKind.Task, ItemFilter.None));
        Assert.Equal(["P01-M001"], await Ids(ItemKind.Measure, ItemFilter.None));
        Assert.Equal(["T002", "T003", "T004"], await Ids(ItemKind.Task, new ItemFilter(Status: ItemStatus.Commenced)));
        Assert.Equal(["T002"], await Ids(ItemKind.Task, new ItemFilter(Programme: "P01", Agency: "BMCB", Status: ItemStatus.Commenced)));
        Assert.Equal(["T005"], await Ids(ItemKind.Task, new ItemFilter(Overdue: true)));
        Assert.Equal(["T001", "T002", "T003", "T004"], await Ids(ItemKind.Task, new ItemFilter(Overdue: false)));
        Assert.Empty(await Ids(ItemKind.Task, new ItemFilter(Status: ItemStatus.Completed)));
    }

    [Fact]
    public async Task Paging_returns_every_item_exactly_once()
    {
        var ctx = await NewContextAsync();
        var items = Enumerable.Range(1, 57).Select(i => NewTask($"T{i:D3}")).Append(NewMeasure("P01-M001")).ToArray();
        await ctx.SeedAsync(items);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await ctx.Items.ListAsync(ItemKind.Task, ItemFilter.None, token, 10, default);
            Assert.InRange(page.Items.Count, 1, 10);
            seen.AddRange(page.Items.Select(i => i.Id));
            token = page.ContinuationToken;
            Assert.True(token is null || token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), token);
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Null(token);
        Assert.Equal(Enumerable.Range(1, 57).Select(i => $"T{i:D3}"), seen);
    }

    [Fact]
    public async Task A_token_not_issued_here_is_refused()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"));

        // "hello", "tz1" without the separator, "tz1|" with nothing after it.
        foreach (var token in new[] { "garbage!", "not base64 at all", "aGVsbG8", "dHox", "dHoxfA", "" })
        {
            await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
                ctx.Items.ListAsync(ItemKind.Task, ItemFilter.None, token, 10, default));
        }
    }

    [Fact]
    public async Task A_token_with_the_right_envelope_but_a_broken_inside_is_refused()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"));
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("tz1|\u0001\u0002")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
            ctx.Items.ListAsync(ItemKind.Task, ItemFilter.None, forged, 10, default));
    }

    [Fact]
    public async Task A_forged_inner_token_yields_a_filtered_page_or_is_refused()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"), NewTask("T002", agency: "BMFB"));

        foreach (var inner in new[] { "nospace", "a b c", " ", "T001 state", "' or '1' eq '1 x" })
        {
            var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("tz1|" + inner)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            try
            {
                var page = await ctx.Items.ListAsync(ItemKind.Task, new ItemFilter(Agency: "BMFB"), forged, 10, default);
                Assert.All(page.Items, i => Assert.Equal("BMFB", i.Item.LeadAgency));
            }
            catch (InvalidContinuationTokenException)
            {
                // Refused: as good as an empty page.
            }
        }
    }

    [Fact]
    public async Task Snapshots_since_an_instant_hold_only_items_changed_after_it()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"), NewTask("T002"), NewMeasure("P01-M001") with { District = null });

        var all = await ctx.Items.ReadSnapshotsAsync(null, default);
        Assert.Equal(["P01-M001", "T001", "T002"], all.Select(s => s.Id));
        var measure = all[0];
        Assert.Equal(ItemKind.Measure, measure.Kind);
        Assert.Equal("P03", measure.Programme);
        Assert.Null(measure.District);
        Assert.Equal(new DateOnly(2027, 6, 30), measure.PlannedCompletion);

        // Timestamps come from the emulator's clock, which is this machine's: step well past the import's writes.
        await Task.Delay(100);
        var since = DateTimeOffset.UtcNow;
        await Task.Delay(100);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", Coordinator, To(ItemStatus.Commenced), null, null, default);

        var changed = await ctx.Items.ReadSnapshotsAsync(since, default);
        var only = Assert.Single(changed);
        Assert.Equal("T002", only.Id);
        Assert.Equal(ItemStatus.Commenced, only.Status);
        Assert.Empty(await ctx.Items.ReadSnapshotsAsync(DateTimeOffset.UtcNow.AddMinutes(5), default));
    }
}
