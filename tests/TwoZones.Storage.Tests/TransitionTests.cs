using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.ItemAssert;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class TransitionTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private Task<StorageContext> NewContextAsync() => CreateAsync(azurite.ConnectionString);

    [Fact]
    public async Task A_transition_commits_state_history_and_idempotency_row_together()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T042"));

        var result = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T042", CommerceOfficial, To(ItemStatus.Commenced), null, "key-1", default);

        Assert.Equal(TransitionResultKind.Applied, result.Outcome);
        Assert.Equal(ItemStatus.Commenced, result.Item!.Status);
        Assert.Equal(Today, result.Item.Item.CommencedOn);
        Assert.Equal("bmcb-1", result.Item.UpdatedBy);
        Assert.Equal(1, result.Item.HistoryLength);
        Assert.Equal(1, result.Entry!.Seq);
        Assert.Equal(HistoryChain.GenesisHash, result.Entry.PrevHash);

        var rows = await ctx.RowsAsync("T042");
        Assert.Equal(["h-000001|T042", "idem-", "state|T042"], rows.Select(r => r.RowKey.StartsWith("idem-", StringComparison.Ordinal) ? "idem-" : r.RowKey).Order());

        var reread = await ctx.Items.GetAsync(ItemKind.Task, "T042", default);
        Assert.Equal(result.Item.Version, reread!.Version);
        AssertSame(result.Item, reread);

        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T042", default);
        Assert.True(history!.Verification.IsValid);
        Assert.Equal([result.Entry], history.Entries);
    }

    [Fact]
    public async Task Rejected_transitions_write_nothing()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"));
        var before = await ctx.RowsAsync("T001");

        var skip = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", CommerceOfficial, To(ItemStatus.Completed), null, "k1", default);
        var wrongAgency = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", OtherOfficial, To(ItemStatus.Commenced), null, "k2", default);
        var future = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T001", Coordinator, To(ItemStatus.Commenced, Today.AddDays(2)), null, null, default);
        var tooLong = await ctx.Items.ApplyTransitionAsync(
            ItemKind.Task, "T001", Coordinator, To(ItemStatus.Commenced, note: new string('x', LifecycleRules.MaxTextLength + 1)), null, null, default);

        Assert.Equal(TransitionResultKind.Invalid, skip.Outcome);
        Assert.Contains("Proposed", skip.Decision!.Message, StringComparison.Ordinal);
        Assert.Equal([ItemStatus.Commenced], skip.Decision.AllowedTargets);
        Assert.Equal(TransitionResultKind.Forbidden, wrongAgency.Outcome);
        Assert.Equal(TransitionResultKind.Invalid, future.Outcome);
        Assert.Equal(TransitionResultKind.Invalid, tooLong.Outcome);
        Assert.All([skip, wrongAgency, future, tooLong], r => Assert.Equal(ItemStatus.Proposed, r.Item!.Status));

        var after = await ctx.RowsAsync("T001");
        Assert.Single(after);
        Assert.Equal(before[0].ETag, after[0].ETag);
    }

    [Fact]
    public async Task Unknown_ids_wrong_kinds_and_unstorable_ids_are_not_found()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T001"), NewMeasure("P03-M001"));

        Assert.Null(await ctx.Items.GetAsync(ItemKind.Task, "T999", default));
        Assert.Null(await ctx.Items.GetAsync(ItemKind.Measure, "T001", default));
        Assert.Null(await ctx.Items.GetAsync(ItemKind.Task, "P03-M001", default));
        Assert.Null(await ctx.Items.GetAsync(ItemKind.Task, "T0/01", default));
        Assert.Null(await ctx.Items.GetAsync(ItemKind.Task, "T001?x", default));
        Assert.Null(await ctx.Items.GetHistoryAsync(ItemKind.Measure, "T001", default));
        Assert.NotNull(await ctx.Items.GetAsync(ItemKind.Measure, "P03-M001", default));

        var missing = await ctx.Items.ApplyTransitionAsync(ItemKind.Measure, "T001", Coordinator, To(ItemStatus.Commenced), null, "k", default);
        Assert.Equal(TransitionResultKind.NotFound, missing.Outcome);
        Assert.Null(missing.Item);
        Assert.Single(await ctx.RowsAsync("T001"));
    }

    [Fact]
    public async Task If_match_must_name_the_current_version()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T002"));
        var item = await ctx.Items.GetAsync(ItemKind.Task, "T002", default);

        var stale = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", Coordinator, To(ItemStatus.Commenced), "\"not-the-version\"", null, default);
        Assert.Equal(TransitionResultKind.VersionMismatch, stale.Outcome);
        AssertSame(item, stale.Item);
        Assert.Single(await ctx.RowsAsync("T002"));

        Assert.DoesNotContain('"', item!.Version);
        var applied = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", Coordinator, To(ItemStatus.Commenced), $"\"{item.Version}\"", null, default);
        Assert.Equal(TransitionResultKind.Applied, applied.Outcome);
        Assert.NotEqual(item.Version, applied.Item!.Version);

        var old = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T002", Coordinator, To(ItemStatus.Completed), item.Version, null, default);
        Assert.Equal(TransitionResultKind.VersionMismatch, old.Outcome);
        AssertSame(applied.Item, old.Item);
    }

    [Fact]
    public async Task Twenty_parallel_updates_with_the_same_if_match_have_exactly_one_winner()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T003"));
        var version = (await ctx.Items.GetAsync(ItemKind.Task, "T003", default))!.Version;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T003", Coordinator, To(ItemStatus.Commenced, note: $"racer {i}"), version, null, default)));

        Assert.Single(results, r => r.Outcome == TransitionResultKind.Applied);
        Assert.Equal(19, results.Count(r => r.Outcome is TransitionResultKind.VersionMismatch or TransitionResultKind.Conflict));
        Assert.All(results.Where(r => r.Outcome != TransitionResultKind.Applied), r => Assert.Equal(ItemStatus.Commenced, r.Item!.Status));
        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T003", default);
        Assert.Single(history!.Entries);
        Assert.True(history.Verification.IsValid);
    }

    [Fact]
    public async Task Twenty_racing_updates_without_if_match_apply_once_and_keep_the_chain_valid()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T004"), NewTask("T005"));

        var same = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T004", Coordinator, To(ItemStatus.Commenced, note: $"racer {i}"), null, null, default)));

        Assert.Single(same, r => r.Outcome == TransitionResultKind.Applied);
        Assert.All(same.Where(r => r.Outcome != TransitionResultKind.Applied), r => Assert.Contains(r.Outcome, new[] { TransitionResultKind.Invalid, TransitionResultKind.Conflict }));
        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T004", default);
        Assert.Single(history!.Entries);
        Assert.True(history.Verification.IsValid);

        // Mixed targets: whatever order wins, every entry must follow from the one before (an official cannot reopen, so at most two).
        var mixed = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T005", CommerceOfficial, To(i % 2 == 0 ? ItemStatus.Commenced : ItemStatus.Completed), null, null, default)));
        var chain = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T005", default);
        Assert.True(chain!.Verification.IsValid, chain.Verification.Reason);
        Assert.Equal(chain.Entries.Count, mixed.Count(r => r.Outcome == TransitionResultKind.Applied));
        Assert.Equal(chain.Entries.Select(e => e.Seq).Distinct().Count(), chain.Entries.Count);
        Assert.InRange(chain.Entries.Count, 1, 2);
        Assert.Equal(ItemStatus.Proposed, chain.Entries[0].From);
        Assert.All(chain.Entries.Zip(chain.Entries.Skip(1)), p => Assert.Equal(p.First.To, p.Second.From));
        var item = await ctx.Items.GetAsync(ItemKind.Task, "T005", default);
        Assert.Equal(chain.Entries[^1].To, item!.Status);
        Assert.Equal(chain.Entries.Count, item.HistoryLength);
    }

    [Fact]
    public async Task A_replayed_idempotency_key_returns_the_first_answer_without_a_second_entry()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T006"));

        var first = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T006", CommerceOfficial, To(ItemStatus.Commenced), null, "retry-me", default);
        ctx.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T006", CommerceOfficial, To(ItemStatus.Commenced), null, "retry-me", default);

        Assert.Equal(TransitionResultKind.Applied, first.Outcome);
        Assert.Equal(TransitionResultKind.Replayed, second.Outcome);
        Assert.True(second.Succeeded);
        Assert.Equal(first.Entry, second.Entry);
        AssertSame(first.Item, second.Item);
        Assert.Equal(2, (await ctx.RowsAsync("T006")).Count(r => r.RowKey != "state|T006"));
        Assert.Single((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T006", default))!.Entries);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_body_is_refused()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T007"));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T007", Coordinator, To(ItemStatus.Commenced), null, "key", default);

        var otherNote = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T007", Coordinator, To(ItemStatus.Commenced, note: "other"), null, "key", default);
        var otherTarget = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T007", Coordinator, To(ItemStatus.Completed), null, "key", default);

        Assert.Equal(TransitionResultKind.IdempotencyKeyMismatch, otherNote.Outcome);
        Assert.Equal(TransitionResultKind.IdempotencyKeyMismatch, otherTarget.Outcome);
        Assert.Equal(ItemStatus.Commenced, otherTarget.Item!.Status);
        Assert.Single((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T007", default))!.Entries);

        // Keys are per item: the same key on another item is a new request.
        await ctx.SeedAsync(NewTask("T008"));
        var elsewhere = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T008", Coordinator, To(ItemStatus.Commenced), null, "key", default);
        Assert.Equal(TransitionResultKind.Applied, elsewhere.Outcome);
    }

    [Fact]
    public async Task Racing_requests_with_one_idempotency_key_apply_once()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T009"));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T009", Coordinator, To(ItemStatus.Commenced), null, "same-key", default)));

        Assert.Single(results, r => r.Outcome == TransitionResultKind.Applied);
        Assert.Equal(9, results.Count(r => r.Outcome == TransitionResultKind.Replayed));
        var applied = results.Single(r => r.Outcome == TransitionResultKind.Applied);
        Assert.All(results, r => Assert.Equal(applied.Entry, r.Entry));
        Assert.Single((await ctx.Items.GetHistoryAsync(ItemKind.Task, "T009", default))!.Entries);
    }

    [Fact]
    public async Task Reopen_is_for_coordinators_and_clears_the_completion_date()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T010", status: ItemStatus.Completed));

        var byOfficial = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T010", CommerceOfficial, To(ItemStatus.Commenced), null, null, default);
        var reopened = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T010", Coordinator, To(ItemStatus.Commenced, note: "audit found gaps"), null, null, default);

        Assert.Equal(TransitionResultKind.Forbidden, byOfficial.Outcome);
        Assert.Equal(TransitionResultKind.Applied, reopened.Outcome);
        Assert.True(reopened.Decision!.IsReopen);
        Assert.Null(reopened.Item!.Item.CompletedOn);
        Assert.Equal(new DateOnly(2025, 3, 1), reopened.Item.Item.CommencedOn);
        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T010", default);
        Assert.Equal(3, history!.Entries.Count);
        Assert.True(history.Verification.IsValid);
    }

    [Fact]
    public async Task An_edited_history_row_breaks_the_chain_at_its_seq()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T011"));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T011", Coordinator, To(ItemStatus.Commenced), null, null, default);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T011", Coordinator, To(ItemStatus.Completed), null, null, default);

        var patch = new TableEntity("T011", "h-000001|T011") { ["Note"] = "nothing to see here" };
        await ctx.Tables.Items.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge);

        var history = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T011", default);
        Assert.False(history!.Verification.IsValid);
        Assert.Equal(1, history.Verification.FirstBrokenSeq);
        Assert.Equal("nothing to see here", history.Entries[0].Note);

        var garbled = new TableEntity("T011", "h-000002|T011") { ["To"] = "Finished" };
        await ctx.Tables.Items.UpdateEntityAsync(garbled, ETag.All, TableUpdateMode.Merge);
        await ctx.Tables.Items.UpdateEntityAsync(new TableEntity("T011", "h-000001|T011") { ["Note"] = "kick-off held" }, ETag.All, TableUpdateMode.Merge);
        var second = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T011", default);
        Assert.False(second!.Verification.IsValid);
        Assert.Equal(2, second.Verification.FirstBrokenSeq);
    }

    [Fact]
    public async Task A_deleted_history_row_is_detected_even_the_last()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T012"), NewTask("T013"));
        foreach (var id in new[] { "T012", "T013" })
        {
            await ctx.Items.ApplyTransitionAsync(ItemKind.Task, id, Coordinator, To(ItemStatus.Commenced), null, null, default);
            await ctx.Items.ApplyTransitionAsync(ItemKind.Task, id, Coordinator, To(ItemStatus.Completed), null, null, default);
        }

        await ctx.Tables.Items.DeleteEntityAsync("T012", "h-000001|T012");
        await ctx.Tables.Items.DeleteEntityAsync("T013", "h-000002|T013");

        var first = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T012", default);
        Assert.False(first!.Verification.IsValid);
        Assert.Equal(2, first.Verification.FirstBrokenSeq);
        var last = await ctx.Items.GetHistoryAsync(ItemKind.Task, "T013", default);
        Assert.False(last!.Verification.IsValid);
        Assert.Single(last.Entries);
        Assert.Equal(2, last.Verification.FirstBrokenSeq);
    }

    [Fact]
    public async Task Set_overdue_merges_the_flag_and_a_transition_recomputes_it()
    {
        var ctx = await NewContextAsync();
        await ctx.SeedAsync(NewTask("T014") with { PlannedCommencement = new DateOnly(2026, 1, 1), PlannedCompletion = new DateOnly(2026, 2, 1) });
        var imported = await ctx.Items.GetAsync(ItemKind.Task, "T014", default);
        Assert.True(imported!.Overdue);

        Assert.True(await ctx.Items.SetOverdueAsync(ItemKind.Task, "T014", false, default));
        Assert.False((await ctx.Items.GetAsync(ItemKind.Task, "T014", default))!.Overdue);
        Assert.False(await ctx.Items.SetOverdueAsync(ItemKind.Measure, "T014", true, default));
        Assert.False(await ctx.Items.SetOverdueAsync(ItemKind.Task, "T404", true, default));

        var commenced = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T014", Coordinator, To(ItemStatus.Commenced), null, null, default);
        Assert.True(commenced.Item!.Overdue); // planned completion passed too
        var completed = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T014", Coordinator, To(ItemStatus.Completed), null, null, default);
        Assert.False(completed.Item!.Overdue);
        Assert.Equal(imported.Item.Title(), completed.Item.Item.Title());
    }
}

internal static class ItemExtensions
{
    public static string Title(this CatalogueItem item) => item.TitleEn + "|" + item.TitleZh;
}
