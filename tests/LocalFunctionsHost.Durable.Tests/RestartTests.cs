using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>A host stopped while instances wait on timers and events; a new one on the same hub finishes each exactly once.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task Instances_in_flight_finish_exactly_once_after_a_graceful_restart()
    {
        var options = new DurableExtensionOptions
        {
            ConnectionString = _azurite.ConnectionString,
            HubName = "RestartHub",
            WorkerId = DurableExtensionOptions.StableWorkerId(AppContext.BaseDirectory, 7072),
        };

        var first = Workflows.Create();
        var timers = Enumerable.Range(0, 5).Select(i => $"timer-{i}").ToList();
        var waiters = Enumerable.Range(0, 5).Select(i => $"waiter-{i}").ToList();
        TimeSpan stopTime;
        await using (var host = await DurableHost.StartAsync(options, first))
        {
            foreach (var id in timers)
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("Timer", 4, new StartOrchestrationOptions(id));
            }

            foreach (var id in waiters)
            {
                await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitEvent", "x", new StartOrchestrationOptions(id));
            }

            foreach (var id in timers.Concat(waiters))
            {
                await host.WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);
            }

            var stop = Stopwatch.StartNew();
            await host.Extension.StopAsync();
            stopTime = stop.Elapsed;
        }

        Assert.Empty(first.ActivityCalls);

        var second = Workflows.Create();
        var restart = Stopwatch.StartNew();
        await using var again = await DurableHost.StartAsync(options, second);
        foreach (var id in waiters)
        {
            await again.Client.RaiseEventAsync(id, "Approve", id);
        }

        var firstDone = TimeSpan.Zero;
        foreach (var id in waiters.Concat(timers))
        {
            var done = await again.WaitForCompletionAsync(id);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            if (firstDone == TimeSpan.Zero)
            {
                firstDone = restart.Elapsed;
            }
        }

        foreach (var id in timers)
        {
            Assert.Equal(1, second.ActivityCalls[$"Hello:\"after timer {id}\""]);
        }

        Assert.Equal(timers.Count, second.ActivityCalls.Count);
        Console.WriteLine($"[measure] graceful stop {stopTime.TotalMilliseconds:0} ms; restart to first completion {firstDone.TotalMilliseconds:0} ms; all done {restart.Elapsed.TotalMilliseconds:0} ms");
    }
}
