using TwoZones.Functions.Local.Tests.Hosting;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Timers;

/// <summary>A host killed in the middle of a timer run: the interrupted occurrence runs once, past due, after restart.</summary>
public sealed class TimerCrashTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Occurrence_interrupted_by_a_crash_runs_once_past_due_once_the_dead_hosts_lease_expires()
    {
        await using var host = await HostSampleApp.StartAsync(storage.ConnectionString, "crash", HostSampleApp.EveryTwoSeconds);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !TimerOutput.Runs(host.Output).Any(r => r.Ended is null))
        {
            await Task.Delay(20);
        }

        var interrupted = TimerOutput.Runs(host.Output).Single(r => r.Ended is null);
        await host.KillAsync();
        var before = host.Output.Length;

        await host.RestartAsync();
        deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && TimerOutput.Runs(host.Output[before..]).Count(r => r.Ended is not null) < 2)
        {
            await Task.Delay(200);
        }

        var after = TimerOutput.Runs(host.Output[before..]);
        Assert.True(after.Count >= 2, host.Output[before..]);
        var pastDue = Assert.Single(after, r => r.PastDue);
        Assert.Equal(interrupted.Next, pastDue.Next);
        Assert.Same(after[0], pastDue);
    }
}
