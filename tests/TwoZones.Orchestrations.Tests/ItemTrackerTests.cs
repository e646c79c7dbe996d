using Microsoft.DurableTask.Client;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Tracking;

namespace TwoZones.Orchestrations.Tests;

public sealed class ItemTrackerTests
{
    private static readonly TrackedItem Item = new(ItemKind.Task, "T042");

    [Fact]
    public async Task A_status_change_before_the_deadline_starts_the_next_round_with_the_committed_state_without_reading_storage()
    {
        var deadline = DateTime.UtcNow.AddHours(1);
        var reads = new ItemReads(_ => new TrackerObservation(true, ItemStatus.Proposed, false, deadline));
        await using var host = await AppOrchestrations.StartAsync(reads.Register);
        var client = new FunctionsHostClient(host.Client);

        Assert.True(await TrackerSignals.EnsureTrackerAsync(client, Item, CancellationToken.None));
        await client.UntilAsync(Item.Id, m => Status(m) is { Stage: ItemStatus.Proposed }, "the tracker's first round");

        await TrackerSignals.NotifyStatusChangedAsync(
            client, Item.Kind, Item.Id, ItemStatus.Commenced, new TrackerObservation(true, ItemStatus.Commenced, false, deadline), CancellationToken.None);
        var next = await client.UntilAsync(Item.Id, m => Status(m) is { Stage: ItemStatus.Commenced }, "the round after the event");

        Assert.Equal(OrchestrationRuntimeStatus.Running, next.RuntimeStatus);
        var read = Assert.Single(reads.All);
        Assert.Equal(Item, read.Item);
        Assert.True(read.At < deadline);
    }

    [Fact]
    public async Task A_deadline_that_passes_before_any_event_wakes_the_tracker_which_reads_storage_and_flags_the_item_overdue()
    {
        var dueAt = DateTime.UtcNow.AddSeconds(1);
        var reads = new ItemReads(now => now >= dueAt
            ? new TrackerObservation(true, ItemStatus.Commenced, true, null)
            : new TrackerObservation(true, ItemStatus.Commenced, false, dueAt));
        await using var host = await AppOrchestrations.StartAsync(reads.Register);
        var client = new FunctionsHostClient(host.Client);

        Assert.True(await TrackerSignals.EnsureTrackerAsync(client, Item, CancellationToken.None));
        var overdue = await client.UntilAsync(Item.Id, m => Status(m) is { Overdue: true }, "the round after the deadline");

        Assert.Equal(OrchestrationRuntimeStatus.Running, overdue.RuntimeStatus);
        var all = reads.All;
        Assert.True(all.Count >= 2, $"{all.Count} reads");
        Assert.True(all[0].At < dueAt);
        Assert.True(all[^1].At >= dueAt, "the tracker read storage again only once the deadline had passed");
        Assert.Equal(ItemStatus.Commenced, Status(overdue)!.Stage);
    }

    [Fact]
    public async Task Completed_ends_the_tracker_and_a_reopen_starts_it_again_with_the_reopened_state()
    {
        var reads = new ItemReads(_ => new TrackerObservation(true, ItemStatus.Commenced, false, null));
        await using var host = await AppOrchestrations.StartAsync(reads.Register);
        var client = new FunctionsHostClient(host.Client);
        Assert.True(await TrackerSignals.EnsureTrackerAsync(client, Item, CancellationToken.None));
        await client.UntilAsync(Item.Id, m => Status(m) is { Stage: ItemStatus.Commenced }, "the tracker's first round");

        await TrackerSignals.NotifyStatusChangedAsync(
            client, Item.Kind, Item.Id, ItemStatus.Completed, new TrackerObservation(true, ItemStatus.Completed, false, null), CancellationToken.None);
        var ended = await client.CompletionAsync(Item.Id);
        AppOrchestrations.AssertCompleted(ended);
        Assert.Equal(ItemStatus.Completed, Status(ended)!.Stage);
        Assert.False(await TrackerSignals.EnsureTrackerAsync(client, Item, CancellationToken.None), "a completed tracker is not started again by the start-up pass");

        // A retried completion signals again: the finished tracker already said Completed, so no new one is scheduled.
        await TrackerSignals.NotifyStatusChangedAsync(client, Item.Kind, Item.Id, ItemStatus.Completed, known: null, CancellationToken.None);
        var afterRetry = await client.GetInstanceAsync(Item.Id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, afterRetry!.RuntimeStatus);
        Assert.Equal(ended.CreatedAt, afterRetry.CreatedAt);

        // The reopen's event is refused by the finished instance, so the signal starts a new tracker that carries the reopened state.
        await TrackerSignals.NotifyStatusChangedAsync(
            client, Item.Kind, Item.Id, ItemStatus.Commenced, new TrackerObservation(true, ItemStatus.Commenced, true, null), CancellationToken.None);
        var reopened = await client.UntilAsync(
            Item.Id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running && Status(m) is { Stage: ItemStatus.Commenced }, "the restarted tracker");
        Assert.True(Status(reopened)!.Overdue);
        Assert.Single(reads.All);

        // The new tracker is live: it hears the next completion and ends again.
        await TrackerSignals.NotifyStatusChangedAsync(
            client, Item.Kind, Item.Id, ItemStatus.Completed, new TrackerObservation(true, ItemStatus.Completed, false, null), CancellationToken.None);
        var endedAgain = await client.CompletionAsync(Item.Id);
        AppOrchestrations.AssertCompleted(endedAgain);
        Assert.Equal(ItemStatus.Completed, Status(endedAgain)!.Stage);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_tracker_whose_item_is_stored_completed_or_missing_ends_after_one_read(bool exists)
    {
        var reads = new ItemReads(_ => exists ? new TrackerObservation(true, ItemStatus.Completed, false, null) : TrackerObservation.Missing);
        await using var host = await AppOrchestrations.StartAsync(reads.Register);
        var client = new FunctionsHostClient(host.Client);

        Assert.True(await TrackerSignals.EnsureTrackerAsync(client, Item, CancellationToken.None));
        var ended = await client.CompletionAsync(Item.Id);

        AppOrchestrations.AssertCompleted(ended);
        Assert.Equal(exists, Status(ended)!.Stage == ItemStatus.Completed);
        Assert.Single(reads.All);
    }

    private static TrackerStatus? Status(OrchestrationMetadata instance) => instance.ReadCustomStatusAs<TrackerStatus>();
}
