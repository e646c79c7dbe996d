using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Functions.Local.Durable;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>Two engines on one task hub race for the same instances; the instance row's ETag lets only one episode win.</summary>
public sealed class TwoHostTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_engines_on_one_hub_complete_every_instance_once_without_duplicate_history()
    {
        var hub = "Two" + Guid.NewGuid().ToString("N")[..10];
        await using var first = await EngineHarness.StartAsync(azurite.ConnectionString, typeof(EngineFunctions), hub);
        await using var second = await EngineHarness.StartAsync(azurite.ConnectionString, typeof(EngineFunctions), hub, rescan: TimeSpan.FromMilliseconds(100));

        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.Chaining), new StartOrchestrationOptions($"both-{i}")));
        }

        ids.Add(await first.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EngineFunctions.FanOut), 30, new StartOrchestrationOptions("both-fan")));
        foreach (var id in ids)
        {
            var result = await first.CompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
            var history = (await first.Store.LoadAsync(id, CancellationToken.None)).History;
            Assert.Single(history, e => e.Kind == HistoryEventKind.ExecutionStarted);
            var actions = history.Where(e => e.IsAction).Select(e => e.TaskId).ToList();
            var outcomes = history.Where(e => e.IsTaskOutcome).Select(e => e.TaskId).ToList();
            Assert.Equal(actions.Count, actions.Distinct().Count());
            Assert.Equal(outcomes.Count, outcomes.Distinct().Count());
            Assert.Equal(actions.Count, outcomes.Count);
        }

        Assert.Equal(Enumerable.Range(0, 30).Sum(i => (long)i * i), (await first.Client.GetInstanceAsync("both-fan", true))!.ReadOutputAs<long>());
    }
}
