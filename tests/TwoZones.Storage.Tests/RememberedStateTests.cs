using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

/// <summary>
/// A repository remembers the state rows it last read or wrote and builds the next transition on them without reading. These tests
/// change an item through a second repository (another app instance on the same tables) so that the first one's memory is stale,
/// and check that every answer is still the one storage supports.
/// </summary>
public class RememberedStateTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<StorageContext> NewContextAsync() => CreateAsync(azurite.ConnectionString);

    [Fact]
    public async Task A_change_another_instance_made_is_built_upon_not_overwritten()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"));
        var other = new ItemRepository(ctx.Tables, ctx.Clock);
        Assert.Equal(ItemStatus.Proposed, (await ctx.Items.GetAsync(ItemKind.Task, "T001", default))!.Status);

        var elsewhere = await other.ApplyTransitionAsync(ItemKind.Task, "T001", CommerceOfficial, To(ItemStatus.Commenced), null, null, default);
        Assert.Equal(TransitionResultKind.Applied, elsewhere.Outcome);

        // Remembered as Proposed, the item is Commenced: completing it must follow the other instance's entry.
        var here = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", CommerceOfficial, To(ItemStatus.Completed), null, null, default);
        Assert.Equal(TransitionResultKind.Applied, here.Outcome);
        Assert.Equal(2, here.Entry!.Seq);
        Assert.Equal(elsewhere.Entry!.Hash, here.Entry.PrevHash);

        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T001", default);
        Assert.True(history!.Verification.IsValid);
        Assert.Equal([ItemStatus.Commenced, ItemStatus.Completed], history.Entries.Select(e => e.To));
    }

    [Fact]
    public async Task The_same_move_made_elsewhere_first_is_refused_from_storage_and_applied_once()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T002"));
        var other = new ItemRepository(ctx.Tables, ctx.Clock);
        await ctx.Items.GetAsync(ItemKind.Task, "T002", default);
        await other.ApplyTransitionAsync(ItemKind.Task, "T002", CommerceOfficial, To(ItemStatus.Commenced), null, null, default);

        // On the remembered row (Proposed) the move is allowed; the commit finds the row changed and storage's answer stands.
        var here = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", CommerceOfficial, To(ItemStatus.Commenced), null, null, default);
        Assert.Equal(TransitionResultKind.Invalid, here.Outcome);
        Assert.Equal(ItemStatus.Commenced, here.Item!.Status);

        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T002", default);
        Assert.Single(history!.Entries);
        Assert.True(history.Verification.IsValid);
    }

    [Fact]
    public async Task If_Match_is_checked_against_storage_when_memory_disagrees()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T003"));
        var other = new ItemRepository(ctx.Tables, ctx.Clock);
        var seen = await ctx.Items.GetAsync(ItemKind.Task, "T003", default);
        var elsewhere = await other.ApplyTransitionAsync(ItemKind.Task, "T003", CommerceOfficial, To(ItemStatus.Commenced), null, null, default);

        // The caller saw the other instance's version (memory holds the older one): it is current, so the change applies.
        var current = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T003", CommerceOfficial, To(ItemStatus.Completed), elsewhere.Item!.Version, null, default);
        Assert.Equal(TransitionResultKind.Applied, current.Outcome);

        // The version memory held is out of date in storage: a mismatch, whatever memory says.
        var stale = await other.ApplyTransitionAsync(ItemKind.Task, "T003", Coordinator, To(ItemStatus.Commenced), seen!.Version, null, default);
        Assert.Equal(TransitionResultKind.VersionMismatch, stale.Outcome);
        Assert.Equal(ItemStatus.Completed, stale.Item!.Status);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_answers_from_its_record_when_memory_holds_the_new_state()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T004"));
        var first = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T004", CommerceOfficial, To(ItemStatus.Commenced), null, "retry-1", default);
        var replay = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T004", CommerceOfficial, To(ItemStatus.Commenced), null, "retry-1", default);

        Assert.Equal(TransitionResultKind.Applied, first.Outcome);
        Assert.Equal(TransitionResultKind.Replayed, replay.Outcome);
        Assert.Equal(first.Entry, replay.Entry);
        Assert.Single((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T004", default))!.Entries);
    }
}
