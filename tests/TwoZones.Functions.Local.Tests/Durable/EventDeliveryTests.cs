using Microsoft.DurableTask.Client;
using TwoZones.Functions.Local.Durable;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>
/// Events for an instance the engine runs in this process are handed over in memory and stored by the episode that takes them:
/// <c>RaiseEventAsync</c> must still return only once the event is durable, and never lose, duplicate or strand one.
/// </summary>
public sealed class EventDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private Task<EngineHarness> StartAsync() => EngineHarness.StartAsync(azurite.ConnectionString, typeof(EngineFunctions));

    [Fact]
    public async Task An_event_for_a_running_instance_is_in_its_stored_history_when_RaiseEventAsync_returns()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages));
        await Polling.UntilAsync(() => Task.FromResult(host.Engine.IsKnownActive(id)), Patience, "the instance to wait for its event");

        await host.Client.RaiseEventAsync(id, "go", "went");

        // Read straight from storage, with no waiting: the episode that took the event has committed, and no inbox row was left.
        var stored = await host.Store.LoadAsync(id, CancellationToken.None);
        Assert.Contains(stored.History, e => e.Kind == HistoryEventKind.EventRaised && e.Name == "go" && e.Data == "\"went\"");
        Assert.Empty(stored.Inbox);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, stored.Record!.Status);
        Assert.Equal("went", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task Two_hundred_events_raised_at_once_each_arrive_exactly_once()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.SumEvents), 200);
        await Polling.UntilAsync(() => Task.FromResult(host.Engine.IsKnownActive(id)), Patience, "the instance to wait for its events");

        // More than one episode takes (80): some are handed over while an episode runs, some go through the inbox.
        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => host.Client.RaiseEventAsync(id, "tick", i))));

        var result = await host.CompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(200L * 201 / 2, result.ReadOutputAs<long>());
        var stored = await host.Store.LoadAsync(id, CancellationToken.None);
        Assert.Equal(200, stored.History.Count(e => e.Kind == HistoryEventKind.EventRaised));
        Assert.Empty(stored.Inbox);
    }

    [Fact]
    public async Task Events_for_an_instance_that_finishes_on_the_first_one_release_every_sender()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages));
        await Polling.UntilAsync(() => Task.FromResult(host.Engine.IsKnownActive(id)), Patience, "the instance to wait for its event");

        // The first "go" completes the instance; the others are dropped with it (more than one episode takes), or refused once it is
        // known to have finished. None may leave its sender waiting for an episode that will never come (that would time out).
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await host.Client.RaiseEventAsync(id, "go", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return "delivered or dropped";
            }
            catch (InvalidOperationException e) when (e.Message.Contains("Completed", StringComparison.Ordinal))
            {
                return "refused";
            }
        })));

        Assert.Contains("delivered or dropped", outcomes);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.CompletionAsync(id)).RuntimeStatus);

        // Events that reached the inbox as rows (raised while an episode ran) are deleted when the engine next sees the finished instance.
        await Polling.UntilAsync(
            async () => (await host.Store.LoadAsync(id, CancellationToken.None)).Inbox.Count == 0, Patience, "the finished instance's inbox to be emptied");
    }

    [Fact]
    public async Task An_event_for_a_suspended_instance_is_stored_at_once_and_taken_after_the_resume()
    {
        await using var host = await StartAsync();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Stages));
        await Polling.UntilAsync(() => Task.FromResult(host.Engine.IsKnownActive(id)), Patience, "the instance to wait for its event");
        await host.Client.SuspendInstanceAsync(id, "pause");
        await host.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);
        await Polling.UntilAsync(() => Task.FromResult(host.Engine.IsKnownActive(id)), Patience, "the suspended instance to be held in memory");

        // No episode will take the event while the instance is suspended: the call must not wait for one.
        using var timeout = new CancellationTokenSource(Patience);
        await host.Client.RaiseEventAsync(id, "go", "after the pause", timeout.Token);

        var stored = await host.Store.LoadAsync(id, CancellationToken.None);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, stored.Record!.Status);
        Assert.Contains(stored.Inbox, m => m.Event.Name == "go" && m.Event.Data == "\"after the pause\"");

        await host.Client.ResumeInstanceAsync(id, "go on");
        Assert.Equal("after the pause", (await host.CompletionAsync(id)).ReadOutputAs<string>());
    }
}
