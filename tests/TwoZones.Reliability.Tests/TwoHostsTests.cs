using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using TwoZones.Reliability.Tests.Infrastructure;
using TwoZones.Testing;
using Xunit.Abstractions;

namespace TwoZones.Reliability.Tests;

/// <summary>
/// Two instances of the app on one storage account, as a scaled-out Function App: racing updates stay exactly once with
/// valid chains, a week gets one digest delivered once, and each timer occurrence runs on one instance only.
/// </summary>
public sealed class TwoHostsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_instances_apply_racing_updates_once_build_one_digest_and_run_each_timer_once()
    {
        await using var webhook = await DeliveryReceiver.StartAsync();
        var items = ReliabilityCatalogue.Items(tasks: 50, measuresPerProgramme: 5);
        await using var app = await ReliabilityApp.StartAsync(
            ReliabilityCatalogue.Json(tasks: 50, measuresPerProgramme: 5),
            new Dictionary<string, string>
            {
                ["TwoZones__SnapshotSchedule"] = "*/3 * * * * *",
                ["TwoZones__DigestWebhookUrl"] = webhook.Url,
            });
        var second = await app.StartInstanceAsync();
        var hosts = new[] { app.Host.Http, second.Http };

        // Every item is raced by two officials of its agency, one on each instance, with different keys: each move must win
        // exactly once. (Officials, because a coordinator may legitimately reopen what the other client completed.)
        var movers = new[] { new StatusMover(_ => hosts[0]), new StatusMover(_ => hosts[1]) };
        var races = items.SelectMany(item => movers.Select((m, side) => Task.Run(async () =>
        {
            foreach (var status in new[] { "Commenced", "Completed" })
            {
                await m.MoveAsync(item, item.Agency == "BMCB" ? DemoKeys.Commerce : ReliabilityApp.ScienceKey, status, $"{item.Id}-{status}-host{side}", TimeSpan.FromMinutes(1));
            }
        }))).ToList();
        await Task.WhenAll(races);

        var acknowledged = movers.SelectMany(m => m.Acknowledged).ToList();
        var refusals = movers.SelectMany(m => m.Refused).ToList();
        foreach (var item in items)
        {
            foreach (var status in new[] { "Commenced", "Completed" })
            {
                var wins = acknowledged.Where(a => a.Item.Id == item.Id && a.Status == status).ToList();
                if (wins.Count > 1)
                {
                    var history = await Api.GetJsonAsync(hosts[0], item.Path + "/history", DemoKeys.Viewer);
                    Assert.Fail($"{item.Id} → {status} was acknowledged {wins.Count} times ({string.Join(", ", wins)}); history: {history}");
                }
            }
        }

        // A lost race: already moved (422), moved meanwhile (409), or a late Commenced that would reopen (403 for an official).
        Assert.All(refusals, r => Assert.Matches(@": (403|409|422) ", r));
        var (failures, entries) = await Ledger.VerifyAsync(hosts[1], acknowledged.OrderBy(a => a.Status == "Completed"), items);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.Equal(acknowledged.Count, entries);

        // Both instances asked for this week's digest at once: one digest, one delivery.
        var starts = await Task.WhenAll(hosts.Select(async http =>
        {
            using var request = Api.Get("api/digests", DemoKeys.Coordinator);
            request.Method = HttpMethod.Post;
            using var response = await http.SendAsync(request);
            return (response.StatusCode, Body: JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
        }));
        Assert.All(starts, s => Assert.Equal(HttpStatusCode.Accepted, s.StatusCode));
        Assert.Single(starts.Select(s => s.Body.GetProperty("id").GetString()).Distinct());
        await Polling.UntilAsync(() => Task.FromResult(webhook.Deliveries.Count >= 1), TimeSpan.FromSeconds(90), "the digest delivery");
        var latest = await Api.GetJsonAsync(hosts[0], "api/digests/latest", DemoKeys.Viewer);
        Assert.Equal(latest.GetProperty("week").GetString(), (await Api.GetJsonAsync(hosts[1], "api/digests/latest", DemoKeys.Viewer)).GetProperty("week").GetString());

        // The snapshot timer fires every 3 s on both instances' schedules; each occurrence must be recorded once.
        var occurrences = await SnapshotTimesAsync(app);
        await Polling.UntilAsync(async () => (await SnapshotTimesAsync(app)).Count >= occurrences.Count + 4, TimeSpan.FromSeconds(60), "four more snapshots");
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(webhook.Deliveries);
        // Only the timer's own occurrences from here on: the import at the start took a snapshot of its own, at any moment.
        var since = occurrences.Count == 0 ? DateTimeOffset.MinValue : occurrences.Max();
        var times = (await SnapshotTimesAsync(app)).Where(t => t > since).ToList();
        Assert.True(times.Count >= 4, $"{times.Count} snapshot occurrences after {since:O}");
        var slots = times.GroupBy(t => t.ToUnixTimeSeconds() / 3).Where(g => g.Count() > 1).ToList();
        Assert.True(slots.Count == 0, $"{slots.Count} timer occurrences ran more than once: {string.Join(", ", slots.Select(g => g.First().ToString("O")))}");
        app.AssertNoKeyInLogs();

        Figures.Report(output, 
            $"two instances: {acknowledged.Count} moves acknowledged out of {items.Count * 2} raced pairs, {refusals.Count} refused as lost races, duplicated: 0; " +
            $"digests delivered: {webhook.Deliveries.Count}; snapshot occurrences: {times.Count}, run twice: 0");
    }

    private static async Task<List<DateTimeOffset>> SnapshotTimesAsync(ReliabilityApp app)
    {
        var service = new TableServiceClient(app.Azurite.ConnectionString);
        var times = new List<DateTimeOffset>();
        await foreach (var table in service.QueryAsync(t => true))
        {
            if (table.Name.EndsWith("Snapshots", StringComparison.Ordinal))
            {
                await foreach (var row in service.GetTableClient(table.Name).QueryAsync<TableEntity>())
                {
                    times.Add(row.GetDateTimeOffset("AsOf") ?? row.Timestamp!.Value);
                }
            }
        }

        return times;
    }
}
