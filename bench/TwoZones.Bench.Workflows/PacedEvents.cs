using System.Diagnostics;
using System.Globalization;
using System.Net;
using Azure.Data.Tables;
using TwoZones.Bench.Api;

namespace TwoZones.Bench.Workflows;

/// <summary>
/// Status updates sent at a fixed rate, each ending its item's tracker (Commenced → Completed), and the time from sending the
/// update to the tracker's end. The end is read afterwards, once the management API reports the instance completed, from the
/// <c>LastUpdatedTime</c> of its row in the task hub's Instances table (the provider stamps it when the round completes; the
/// management API gives that time in whole seconds, as Durable Functions does), so no polling runs while the events are in
/// flight; host and bench share the machine's clock.
/// </summary>
public static class PacedEvents
{
    /// <summary>The figures of one run.</summary>
    /// <param name="Sent">Updates sent.</param>
    /// <param name="Seconds">How long sending took (at the requested rate, <c>Sent / rate</c> unless the app fell behind).</param>
    /// <param name="Latencies">Milliseconds from sending each update to its tracker's end, sorted.</param>
    /// <param name="HttpLatencies">Milliseconds of each HTTP request, sorted.</param>
    public sealed record Result(int Sent, double Seconds, IReadOnlyList<double> Latencies, IReadOnlyList<double> HttpLatencies)
    {
        public double P(IReadOnlyList<double> sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(sorted.Count * q) - 1)];
    }

    public static async Task<Result> RunAsync(ApiClient api, TableClient instances, IReadOnlyList<string> measureIds, double perSecond, Action<string> log)
    {
        var today = TwoZones.Core.Time.ShanghaiClock.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sentAt = new DateTimeOffset[measureIds.Count];
        var http = new double[measureIds.Count];
        var clock = Stopwatch.StartNew();
        var requests = new List<Task>(measureIds.Count);
        for (var i = 0; i < measureIds.Count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var index = i;
            sentAt[index] = DateTimeOffset.UtcNow;
            requests.Add(Task.Run(async () => http[index] = (await api.PostStatusAsync("measures", measureIds[index], "Completed", today)).TotalMilliseconds));
        }

        await Task.WhenAll(requests);
        var seconds = clock.Elapsed.TotalSeconds;
        log($"{measureIds.Count} updates sent in {seconds:F1} s ({measureIds.Count / seconds:F1}/s)");

        var latencies = new double[measureIds.Count];
        var deadline = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, measureIds.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            while (true)
            {
                var (status, _) = await api.GetInstanceAsync(measureIds[i]);
                if (status == HttpStatusCode.OK)
                {
                    var row = await instances.GetEntityAsync<TableEntity>(measureIds[i], "", select: ["LastUpdatedTime"]);
                    var ended = row.Value.GetDateTimeOffset("LastUpdatedTime") ?? throw new InvalidOperationException($"{measureIds[i]} has no LastUpdatedTime.");
                    latencies[i] = (ended - sentAt[i]).TotalMilliseconds;
                    return;
                }

                if (deadline.Elapsed > TimeSpan.FromMinutes(5))
                {
                    throw new TimeoutException($"Tracker {measureIds[i]} did not end within 5 minutes of the updates (status {(int)status}).");
                }

                await Task.Delay(200);
            }
        });

        Array.Sort(latencies);
        Array.Sort(http);
        return new Result(measureIds.Count, seconds, latencies, http);
    }
}
