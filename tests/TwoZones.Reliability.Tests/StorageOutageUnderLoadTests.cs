using System.Diagnostics;
using System.Net;
using Azure.Data.Tables;
using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;
using Xunit.Abstractions;

namespace TwoZones.Reliability.Tests;

/// <summary>
/// Storage goes away for about ten seconds under load and comes back on the same data: the app answers 503 with
/// <c>Retry-After</c> meanwhile (never a 500, never a hang), recovers by itself, loses nothing acknowledged, and its
/// trackers and timers carry on.
/// </summary>
public sealed class StorageOutageUnderLoadTests(ITestOutputHelper output)
{
    private const int Clients = 8;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_app_answers_503_while_storage_is_down_and_loses_nothing()
    {
        var all = ReliabilityCatalogue.Items(tasks: 100, measuresPerProgramme: 5);
        var (items, probe) = (all.Take(all.Count - 1).ToList(), all[^1]);
        await using var app = await ReliabilityApp.StartAsync(
            ReliabilityCatalogue.Json(tasks: 100, measuresPerProgramme: 5),
            new Dictionary<string, string>
            {
                ["TwoZones__SnapshotSchedule"] = "*/2 * * * * *",

                // The reconciler bounds how long a tracker may lag its item; every 15 s here instead of every 10 minutes.
                ["TwoZones__ReconcileSchedule"] = "*/15 * * * * *",
            });
        var pid = app.Host.Output.Length;
        var mover = new StatusMover(_ => app.Host.Http);
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(async () =>
        {
            foreach (var item in items.Where((_, i) => i % Clients == c))
            {
                foreach (var status in new[] { "Commenced", "Completed" })
                {
                    await mover.MoveAsync(item, DemoKeys.Coordinator, status, $"{item.Id}-{status}", TimeSpan.FromMinutes(2));
                    await Task.Delay(20);
                }
            }
        })).ToList();
        var load = Task.WhenAll(clients);

        await Polling.UntilAsync(() => Task.FromResult(mover.Acknowledged.Count >= 60 || load.IsCompleted), TimeSpan.FromSeconds(60), "the load to get going");
        Assert.False(load.IsCompleted, "the load finished before the outage");
        var snapshotsBefore = await CountSnapshotsAsync(app);
        await app.Azurite.StopGracefullyAsync();
        var down = Stopwatch.StartNew();
        var healthDuringOutage = new List<HttpStatusCode>();
        var probesDuringOutage = new List<(HttpStatusCode Status, bool RetryAfter)>();
        while (down.Elapsed < Outage)
        {
            using var health = await app.Host.Http.GetAsync("api/health");
            healthDuringOutage.Add(health.StatusCode);

            // A status change sent while storage is down, besides the load's (whose requests may have begun before it went).
            using var change = Api.StatusChange(probe, DemoKeys.Coordinator, "Commenced", idempotencyKey: $"probe-{probesDuringOutage.Count}");
            using var answer = await app.Host.Http.SendAsync(change);
            probesDuringOutage.Add((answer.StatusCode, answer.Headers.RetryAfter is not null));
            await Task.Delay(500);
        }

        await app.Azurite.StartAsync();
        var outage = down.Elapsed;
        var recovered = await ReliabilityApp.WaitHealthyAsync(app.Host, TimeSpan.FromSeconds(60));
        await load;

        Assert.False(app.Host.HasExited);
        Assert.DoesNotContain("The functions host cannot start", app.Host.Output[pid..], StringComparison.Ordinal);
        // The host noticed storage come back and replaced its Durable engine, whose in-memory leases and prefetched messages the
        // outage may have left unable to read the control queues.
        await Polling.UntilAsync(
            () => Task.FromResult(app.Host.Output[pid..].Contains("Durable engine restarted", StringComparison.Ordinal)), TimeSpan.FromSeconds(30), "the Durable engine to be restarted");
        Assert.Contains(HttpStatusCode.ServiceUnavailable, healthDuringOutage);
        // Status changes sent meanwhile were answered 503 with Retry-After, or (a request that began as storage went) waited
        // it out within the time limit below and succeeded: never a 500, never a hang.
        Assert.NotEmpty(probesDuringOutage);
        Assert.All(probesDuringOutage, p => Assert.True(p.Status == HttpStatusCode.ServiceUnavailable && p.RetryAfter, $"a status change during the outage answered {(int)p.Status}"));
        Assert.All(mover.ServerErrors, e => Assert.True(e.Status == 503 && e.RetryAfter, $"a {e.Status} without Retry-After or other than 503"));
        // The outage itself plus the storage client's retry budget (two retries, 15 s network timeout): no request hangs beyond it.
        Assert.True(mover.LongestRequest < TimeSpan.FromSeconds(45), $"a request took {mover.LongestRequest.TotalSeconds:0.0} s");
        Assert.Empty(mover.Refused);

        var acknowledged = mover.Acknowledged.ToList();
        Assert.Equal(items.Count * 2, acknowledged.Count);
        var (failures, entries) = await Ledger.VerifyAsync(app.Host.Http, acknowledged, items);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.Equal(acknowledged.Count, entries);
        var (probeFailures, probeEntries) = await Ledger.VerifyAsync(app.Host.Http, [], [probe]);
        Assert.Empty(probeFailures);
        Assert.Equal(0, probeEntries);
        var disagreements = await Ledger.TrackersAgreeAsync(app.Host.Http, items, TimeSpan.FromSeconds(120));
        Assert.True(
            disagreements.Count == 0,
            $"{disagreements.Count} trackers disagree:\n" + string.Join('\n', disagreements.Take(30)) + "\n" + await TaskHubDiagnostics.DescribeAsync(app, disagreements));

        // The snapshot timer kept its schedule through the outage: new snapshots after storage came back.
        var snapshotsAfterRecovery = await CountSnapshotsAsync(app);
        await Polling.UntilAsync(async () => await CountSnapshotsAsync(app) > snapshotsAfterRecovery, TimeSpan.FromSeconds(30), "a snapshot after the outage");
        Assert.True(snapshotsAfterRecovery >= snapshotsBefore);
        app.AssertNoKeyInLogs();

        Figures.Report(output, 
            $"outage: {outage.TotalSeconds:0.0} s; status changes sent during it besides the load: {probesDuringOutage.Count}, all 503 with Retry-After; 503 answers: {mover.ServerErrors.Count} (all with Retry-After), health 503s: {healthDuringOutage.Count(s => s == HttpStatusCode.ServiceUnavailable)}; 500 answers: 0; longest request {mover.LongestRequest.TotalSeconds:0.0} s; " +
            $"healthy again {recovered.TotalSeconds:0.0} s after storage returned; transitions acknowledged: {acknowledged.Count}; lost: 0; duplicated: 0");
    }

    private static async Task<int> CountSnapshotsAsync(ReliabilityApp app)
    {
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        var count = 0;
        await foreach (var table in service.QueryAsync(t => true))
        {
            if (table.Name.EndsWith("Snapshots", StringComparison.Ordinal))
            {
                await foreach (var _ in service.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["RowKey"]))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
