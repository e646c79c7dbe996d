using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>
/// Storage goes away under a running host and comes back on the same data: the engine is replaced by a fresh one as soon as
/// storage answers again, and instances that waited through the outage hear their events and finish.
/// </summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync()
    {
        StorageWatch.Interval = TimeSpan.FromSeconds(1);
        _azurite = await AzuriteInstance.StartNewAsync(inMemory: false, allServices: true);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task The_engine_is_restarted_once_storage_answers_again_and_waiting_instances_carry_on()
    {
        var options = new DurableExtensionOptions { ConnectionString = _azurite.ConnectionString, HubName = "OutageHub", WorkerId = "outage-test" };
        await using var host = await DurableHost.StartAsync(options, Workflows.Create());
        var waiters = Enumerable.Range(0, 3).Select(i => $"outage-waiter-{i}").ToList();
        foreach (var id in waiters)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", new StartOrchestrationOptions(id));
        }

        foreach (var id in waiters)
        {
            await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
        }

        Assert.Equal(0, host.Extension.EngineRestarts);
        await _azurite.StopGracefullyAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(0, host.Extension.EngineRestarts);
        await _azurite.StartAsync();

        await Polling.UntilAsync(() => Task.FromResult(host.Extension.EngineRestarts > 0), TimeSpan.FromSeconds(60), "the engine to be restarted");
        foreach (var id in waiters)
        {
            await host.Client.RaiseEventAsync(id, "Approve", id);
        }

        foreach (var id in waiters)
        {
            var done = await host.WaitForCompletionAsync(id, TimeSpan.FromSeconds(90));
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("approved:" + id, done.ReadOutputAs<string>());
        }

        // One outage, one restart.
        Assert.Equal(1, host.Extension.EngineRestarts);
    }
}
