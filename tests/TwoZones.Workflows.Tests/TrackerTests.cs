using System.Net;
using System.Text.Json;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;

namespace TwoZones.Workflows.Tests;

public sealed class TrackerTests(TrackedCatalogueFixture fixture) : IClassFixture<TrackedCatalogueFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    private WorkflowApp App => fixture.App;

    private static DateOnly Today => ShanghaiClock.Today(DateTimeOffset.UtcNow);

    [Fact]
    public async Task One_import_starts_a_tracker_per_item_that_mirrors_storage()
    {
        var items = await fixture.AllItemsAsync();
        Assert.Equal(751, items.Count);

        var pending = items.ToDictionary(i => i.Id);
        await Eventually.TrueAsync(
            async () =>
            {
                foreach (var item in pending.Values.ToList())
                {
                    if (Mirrors(item, await App.InstanceAsync(item.Id)))
                    {
                        pending.Remove(item.Id);
                    }
                }

                return pending.Count == 0;
            },
            "every tracker to mirror its item",
            Patience);

        // The trackers' first rounds also stored the overdue flag of every item.
        var stored = await fixture.AllItemsAsync();
        Assert.All(stored, i => Assert.Equal(ExpectedOverdue(i), i.Overdue));
        Assert.Contains(stored, i => i.Overdue);
    }

    [Fact]
    public async Task An_item_past_its_planned_date_is_flagged_overdue_and_cleared_when_completed()
    {
        var items = await fixture.AllItemsAsync();
        var late = items.First(i => i.Status == ItemStatus.Proposed && i.Item.PlannedCommencement < Today);
        var path = (late.Kind == ItemKind.Task ? "api/tasks/" : "api/measures/") + late.Id;

        var tracker = await Eventually.GetAsync(
            async () => await App.InstanceAsync(late.Id) is { Stage: "Proposed", Overdue: true } s ? s : null, $"the tracker of {late.Id} to see it overdue", Patience);
        Assert.Equal("Running", tracker.RuntimeStatus);
        await Eventually.TrueAsync(async () => (await App.Items.GetAsync(late.Kind, late.Id, CancellationToken.None))!.Overdue, $"{late.Id}'s stored overdue flag");

        // The API serves the flag the tracker stored, in the item and in the overdue listing.
        using (var shown = await App.GetJsonAsync(path))
        {
            Assert.True(shown.RootElement.GetProperty("overdue").GetBoolean());
        }

        var listed = new List<string>();
        string? token = null;
        do
        {
            var listing = (late.Kind == ItemKind.Task ? "api/tasks" : "api/measures") + $"?programme={late.Item.Programme}&overdue=true&pageSize=200"
                + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            using var page = await App.GetJsonAsync(listing);
            listed.AddRange(page.RootElement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            Assert.All(page.RootElement.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("overdue").GetBoolean()));
            token = page.RootElement.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (token is not null);
        Assert.Contains(late.Id, listed);

        foreach (var to in new[] { "Commenced", "Completed" })
        {
            using var response = await App.SendAsync(
                HttpMethod.Post, path + "/status", WorkflowApp.CoordinatorKey, JsonSerializer.Serialize(new { status = to, effectiveDate = WorkflowApp.TodayText(), note = "test" }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var done = await Eventually.GetAsync(
            async () => await App.InstanceAsync(late.Id) is { RuntimeStatus: "Completed" } s ? s : null, $"the tracker of {late.Id} to complete", Patience);
        Assert.Equal("Completed", done.Stage);
        Assert.False(done.Overdue);
        Assert.False((await App.Items.GetAsync(late.Kind, late.Id, CancellationToken.None))!.Overdue);
        using (var completed = await App.GetJsonAsync(path))
        {
            Assert.False(completed.RootElement.GetProperty("overdue").GetBoolean());
        }

        // A reopen starts the tracker again, which sees the item Commenced.
        using (var reopen = await App.SendAsync(
            HttpMethod.Post, path + "/status", WorkflowApp.CoordinatorKey, JsonSerializer.Serialize(new { status = "Commenced", effectiveDate = WorkflowApp.TodayText(), note = "reopened for a follow-up" })))
        {
            Assert.Equal(HttpStatusCode.OK, reopen.StatusCode);
        }

        var reopened = await Eventually.GetAsync(
            async () => await App.InstanceAsync(late.Id) is { RuntimeStatus: "Running", Stage: "Commenced" } s ? s : null, $"the tracker of {late.Id} to run again", Patience);
        Assert.Equal(ExpectedOverdue((await App.Items.GetAsync(late.Kind, late.Id, CancellationToken.None))!), reopened.Overdue);
    }

    [Fact]
    public async Task A_transition_committed_without_its_event_converges_after_a_restart()
    {
        var items = await fixture.AllItemsAsync();
        var commenced = items.First(i => i.Status == ItemStatus.Commenced && i.Item.PlannedCompletion >= Today.AddDays(-3650));
        var proposed = items.Last(i => i.Status == ItemStatus.Proposed);
        foreach (var item in new[] { commenced, proposed })
        {
            await Eventually.TrueAsync(async () => Mirrors(item, await App.InstanceAsync(item.Id)), $"the tracker of {item.Id} to run", Patience);
        }

        // What an HTTP status change does before it raises the tracker's event; the process then dies.
        var coordinator = new Actor("test-coordinator", "Test Coordinator", Role.Coordinator, null);
        var completed = await App.Items.ApplyTransitionAsync(
            commenced.Kind, commenced.Id, coordinator, new TransitionRequest(ItemStatus.Completed, Today, "written directly", null), null, null, CancellationToken.None);
        var started = await App.Items.ApplyTransitionAsync(
            proposed.Kind, proposed.Id, coordinator, new TransitionRequest(ItemStatus.Commenced, Today, "written directly", null), null, null, CancellationToken.None);
        Assert.Equal(TransitionResultKind.Applied, completed.Outcome);
        Assert.Equal(TransitionResultKind.Applied, started.Outcome);
        await App.Host.KillAsync();

        await App.Host.RestartAsync(TimeSpan.FromSeconds(180));

        var done = await Eventually.GetAsync(
            async () => await App.InstanceAsync(commenced.Id) is { RuntimeStatus: "Completed" } s ? s : null, $"the tracker of {commenced.Id} to complete", Patience);
        Assert.Equal("Completed", done.Stage);
        Assert.False(done.Overdue);

        var now = started.Item!;
        await Eventually.TrueAsync(async () => Mirrors(now, await App.InstanceAsync(now.Id)), $"the tracker of {proposed.Id} to see it Commenced", Patience);
        Assert.Equal(ExpectedOverdue(now), (await App.Items.GetAsync(now.Kind, now.Id, CancellationToken.None))!.Overdue);
    }

    [Fact]
    public async Task A_snapshot_missed_while_the_host_was_down_is_taken_at_start()
    {
        await Eventually.GetAsync(() => App.Snapshots.GetLatestAsync(CancellationToken.None), "a first scheduled snapshot", Patience);
        await App.Host.KillAsync();
        var downSince = DateTimeOffset.UtcNow;

        // Longer than the 15 s schedule, so an occurrence passes while no host runs.
        await Task.Delay(TimeSpan.FromSeconds(17));
        var outputBefore = App.Host.Output.Length;
        await App.Host.RestartAsync(TimeSpan.FromSeconds(180));

        await Eventually.TrueAsync(
            () => Task.FromResult(App.Host.Output[outputBefore..].Contains("(past due: True)", StringComparison.Ordinal)),
            "the past-due snapshot run after the restart",
            TimeSpan.FromSeconds(180));
        var latest = await App.Snapshots.GetLatestAsync(CancellationToken.None);
        Assert.NotNull(latest);
        Assert.True(latest.AsOf > downSince, $"The latest snapshot ({latest.AsOf:o}) predates the downtime ({downSince:o}).");
        Assert.Equal(751, latest.Overall.Total);
    }

    private static bool ExpectedOverdue(ItemRecord item) =>
        OverdueRule.IsOverdue(item.Status, item.Item.PlannedCommencement, item.Item.PlannedCompletion, Today);

    private static bool Mirrors(ItemRecord item, InstanceStatus? tracker) =>
        tracker is not null
        && tracker.Stage == item.Status.ToString()
        && tracker.Overdue == ExpectedOverdue(item)
        && tracker.RuntimeStatus == (item.Status == ItemStatus.Completed ? "Completed" : "Running");
}
