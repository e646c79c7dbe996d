using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

/// <summary>The entries of all items recorded in a period, read at once (for the weekly digest).</summary>
public class TransitionsRecordedTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Only_entries_recorded_in_the_period_are_returned_grouped_by_item_in_seq_order()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.SeedAsync(NewTask("T031"), NewTask("T032"), NewTask("T033"));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T031", Coordinator, To(ItemStatus.Commenced), null, null, default);
        var from = ctx.Clock.GetUtcNow().AddHours(1);
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T031", Coordinator, To(ItemStatus.Completed), null, null, default);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T032", Coordinator, To(ItemStatus.Commenced), null, null, default);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T032", Coordinator, To(ItemStatus.Completed), null, null, default);
        var to = ctx.Clock.GetUtcNow().AddHours(1);
        ctx.Clock.Advance(TimeSpan.FromHours(2));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T033", Coordinator, To(ItemStatus.Commenced), null, null, default);

        var recorded = await ctx.Items.ReadTransitionsRecordedAsync(from, to, default);

        Assert.Equal(["T031", "T032"], recorded.Keys.Order());
        Assert.Equal([2], recorded["T031"].Select(e => e.Seq));
        Assert.Equal([ItemStatus.Commenced, ItemStatus.Completed], recorded["T032"].Select(e => e.To));
        Assert.All(recorded.Values.SelectMany(e => e), e => Assert.InRange(e.RecordedAt, from, to));
    }
}
