using System.Diagnostics;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>
/// SIGKILL of the whole host process tree (host and worker) with orchestrations in every state that matters: one waiting
/// for an event, one in the middle of a 100-activity fan-out, one inside a durable timer. The restarted host (same app,
/// same port, hence the same lease owner) carries each of them to its exact output.
/// </summary>
public sealed class DurableRestartTests(AzuriteWithBlobs azurite) : IClassFixture<AzuriteWithBlobs>
{
    [Fact]
    public async Task After_sigkill_of_host_and_worker_a_restart_completes_every_instance_with_its_exact_output()
    {
        var root = FuncHost.SampleRoot("DurableFunctionsSample");
        var port = AzuriteInstance.FreePort();
        var settings = DurableApp.Settings(azurite.ConnectionString, DurableApp.NewHub("restart"));
        var first = await FuncStart.StartReadyAsync(root, settings, port);
        var app = new DurableApp(first);

        var waiting = await app.StartAsync("Approval", "0");
        var timer = await app.StartAsync("DurableTimer", "12");
        var timerStarted = Stopwatch.StartNew();
        var fanOut = await app.StartAsync("FanOutFanIn", """{"count":100,"delayMs":150}""");
        await app.WaitForCustomStatusAsync(waiting.Id, "waiting-for-approval");
        await app.WaitForCustomStatusAsync(timer.Id, "sleeping");
        Assert.True(await first.WaitForOutputAsync("Executed 'Functions.Square' (Succeeded", TimeSpan.FromSeconds(60), times: 10), first.Output);
        var squaresBeforeKill = first.Count("Executed 'Functions.Square' (Succeeded");
        Assert.True(squaresBeforeKill < 100, $"the fan-out had already finished ({squaresBeforeKill}) when the host was killed");

        var worker = first.WorkerPid() ?? throw new InvalidOperationException("no worker");
        ChildHost.Signal(first.Pid, "KILL");
        ChildHost.Signal(worker, "KILL");
        await Polling.UntilAsync(() => Task.FromResult(!ChildHost.IsAlive(worker) && first.HasExited), TimeSpan.FromSeconds(10), "host and worker to die");
        await first.DisposeAsync();

        await using var second = await FuncStart.StartReadyAsync(root, settings, port);
        var restarted = new DurableApp(second);
        var sinceRestart = Stopwatch.StartNew();
        await restarted.RaiseAsync(waiting, "Approval", "after-restart");

        Assert.Equal("\"approved by after-restart\"", await restarted.OutputAsync(waiting.Id));
        // Every square counted once: a lost result would lower the count, one counted twice would change the sum.
        Assert.Equal("""{"Count":100,"Sum":338350}""", await restarted.OutputAsync(fanOut.Id));
        Assert.Equal("\"timer of 12s fired\"", await restarted.OutputAsync(timer.Id));
        Assert.True(timerStarted.Elapsed >= TimeSpan.FromSeconds(11), timerStarted.Elapsed.ToString());
        // The same lease owner takes the partitions back at once and in-flight messages return after the 10 s visibility
        // timeout, so recovery takes seconds; the bound only catches a restart that waits for something that never comes
        // (a busy machine can take most of a minute).
        Assert.True(sinceRestart.Elapsed < TimeSpan.FromSeconds(150), $"recovery took {sinceRestart.Elapsed}");
    }
}
