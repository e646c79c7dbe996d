using System.Diagnostics;
using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;
using Xunit.Abstractions;

namespace TwoZones.Reliability.Tests;

/// <summary>
/// 16 clients move 400 items Proposed → Commenced → Completed with idempotency keys and retries, while the app's whole
/// process tree is killed with SIGKILL ten times and started again: nothing acknowledged is lost or applied twice.
/// </summary>
public sealed class KillUnderLoadTests(ITestOutputHelper output)
{
    private const int Clients = 16;
    private const int Kills = 10;

    [Fact]
    public async Task Acknowledged_transitions_survive_ten_SIGKILLs_exactly_once()
    {
        // 200 tasks and 20 measures in each of the 10 programmes: 400 items, 800 transitions.
        var items = ReliabilityCatalogue.Items(tasks: 200, measuresPerProgramme: 20);
        // The reconciler bounds how long a tracker may lag its item; every 15 s here instead of every 10 minutes.
        await using var app = await ReliabilityApp.StartAsync(
            ReliabilityCatalogue.Json(tasks: 200, measuresPerProgramme: 20),
            new Dictionary<string, string> { ["TwoZones__ReconcileSchedule"] = "*/15 * * * * *" });
        var mover = new StatusMover(_ => app.Host.Http);
        var restarts = new List<TimeSpan>();

        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            foreach (var item in items.Where((_, i) => i % Clients == c))
            {
                foreach (var status in new[] { "Commenced", "Completed" })
                {
                    var key = item.Agency == "BMCB" && c % 2 == 0 ? DemoKeys.Commerce : DemoKeys.Coordinator;
                    await mover.MoveAsync(item, key, status, $"{item.Id}-{status}", TimeSpan.FromMinutes(3));
                }
            }
        })).ToList();

        var load = Task.WhenAll(clients);
        for (var kill = 1; kill <= Kills; kill++)
        {
            // Kill under load: only once the clients have made progress since the last restart.
            var target = mover.Acknowledged.Count + 50;
            var waited = Stopwatch.StartNew();
            while (mover.Acknowledged.Count < target && !load.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(20);
            }

            Assert.False(load.IsCompleted, $"the load finished before kill {kill}");
            await app.Host.KillAsync();
            var clock = Stopwatch.StartNew();
            await app.Host.RestartAsync(TimeSpan.FromSeconds(120));
            await ReliabilityApp.WaitHealthyAsync(app.Host, TimeSpan.FromSeconds(120));
            restarts.Add(clock.Elapsed);
        }

        await load;
        var acknowledged = mover.Acknowledged.ToList();
        Assert.Empty(mover.Refused);
        Assert.Equal(items.Count * 2, acknowledged.Count);

        var (failures, entries) = await Ledger.VerifyAsync(app.Host.Http, acknowledged, items);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.Equal(acknowledged.Count, entries);

        var replays = await Ledger.ReplayAsync(app.Host.Http, acknowledged);
        Assert.True(replays.Count == 0, string.Join('\n', replays.Take(30)));

        var clock2 = Stopwatch.StartNew();
        var disagreements = await Ledger.TrackersAgreeAsync(app.Host.Http, items, TimeSpan.FromSeconds(120));
        Assert.True(
            disagreements.Count == 0,
            $"{disagreements.Count} trackers disagree:\n" + string.Join('\n', disagreements.Take(30)) + "\n" + await TaskHubDiagnostics.DescribeAsync(app, disagreements));
        app.AssertNoKeyInLogs();

        var sorted = restarts.Order().ToList();
        Figures.Report(output, 
            $"kills survived: {restarts.Count}; transitions acknowledged: {acknowledged.Count} ({acknowledged.Count(a => a.Attempts > 1)} after retries, " +
            $"{mover.Retries} retries); lost: 0; duplicated: 0; restart to healthy: median {sorted[sorted.Count / 2].TotalSeconds:0.0} s, max {sorted[^1].TotalSeconds:0.0} s; " +
            $"trackers agreed {clock2.Elapsed.TotalSeconds:0.0} s after the last check began");
    }
}
