using Azure.Data.Tables;
using TwoZones.Functions.Local.Hosting;
using TwoZones.Functions.Local.Tests.Hosting;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Timers;

/// <summary>HostSample's SampleTimer on "*/2 * * * * *" (set through %SampleTimerSchedule%), state in a real Azurite.</summary>
public sealed class TimerTriggerTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Timer_fires_on_its_schedule_with_schedule_status()
    {
        await using var host = await HostSampleApp.StartAsync(storage.ConnectionString, "fires", HostSampleApp.EveryTwoSeconds);
        Assert.True(await WaitForRunsAsync(host, 2), host.Output);

        var runs = TimerOutput.Runs(host.Output);
        Assert.All(runs, r => Assert.False(r.PastDue));
        Assert.Equal(runs.Count, runs.Select(r => r.Next).Distinct().Count());
        Assert.All(runs, r => Assert.Equal(0, DateTime.Parse(r.Next, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind).Second % 2));
        Assert.Contains("Executing 'Functions.SampleTimer' (Reason='Timer fired at ", host.Output, StringComparison.Ordinal);
        Assert.Contains("InvocationLogMiddleware saw SampleTimer", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ResponseHeaderMiddleware saw SampleTimer", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Occurrence_missed_while_down_runs_once_past_due_at_restart()
    {
        await using var host = await HostSampleApp.StartAsync(storage.ConnectionString, "pastdue", HostSampleApp.EveryTwoSeconds);
        Assert.True(await WaitForCompletedRunsAsync(host, 1), host.Output);

        // Crash between runs (a run takes 1.2 s of every 2 s) once a finished run is recorded; a crash during a run
        // would also leave it past due, but only after the dead host's lease expires.
        await WaitUntilIdleAndRecordedAsync("pastdue");
        await host.KillAsync();
        var outputBefore = host.Output.Length;

        await Task.Delay(TimeSpan.FromSeconds(5));
        await host.RestartAsync();
        Assert.True(await WaitForCompletedRunsAsync(host, 1, from: outputBefore, extra: 1), host.Output);

        var after = TimerOutput.Runs(host.Output[outputBefore..]);
        var pastDue = Assert.Single(after, r => r.PastDue);
        Assert.Same(after[0], pastDue);
        Assert.True(after.Skip(1).All(r => !r.PastDue), host.Output[outputBefore..]);
    }

    [Fact]
    public async Task Two_hosts_on_the_same_storage_never_run_an_occurrence_together()
    {
        await using var first = await HostSampleApp.StartAsync(storage.ConnectionString, "shared", HostSampleApp.EveryTwoSeconds);
        await using var second = await HostSampleApp.StartAsync(storage.ConnectionString, "shared", HostSampleApp.EveryTwoSeconds);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline && TimerOutput.Runs(first.Output).Concat(TimerOutput.Runs(second.Output)).Count(r => r.Ended is not null) < 5)
        {
            await Task.Delay(200);
        }

        var a = TimerOutput.Runs(first.Output);
        var b = TimerOutput.Runs(second.Output);
        Assert.True(a.Count + b.Count >= 5, first.Output + second.Output);
        Assert.Empty(a.Select(r => r.Next).Intersect(b.Select(r => r.Next)));
        foreach (var run in a.Where(r => r.Ended is not null))
        {
            Assert.DoesNotContain(b, other => other.Began < run.Ended && (other.Ended ?? DateTime.MaxValue) > run.Began);
        }
    }

    private async Task WaitUntilIdleAndRecordedAsync(string hostId)
    {
        var table = new TableClient(storage.ConnectionString, TimerScheduleStore.TableName);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(hostId, "SampleTimer");
            if (row.HasValue && row.Value!.GetDateTime("Last") is not null && string.IsNullOrEmpty(row.Value.GetString("LeaseOwner")))
            {
                return;
            }

            await Task.Delay(50);
        }
    }

    private static Task<bool> WaitForRunsAsync(ChildHost host, int count)
        => WaitForCompletedRunsAsync(host, count);

    private static async Task<bool> WaitForCompletedRunsAsync(ChildHost host, int count, int from = 0, int extra = 0)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            if (TimerOutput.Runs(host.Output[from..]).Count(r => r.Ended is not null) >= count + extra)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }
}
