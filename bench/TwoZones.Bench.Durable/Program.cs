using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TwoZones.Bench.Durable;
using TwoZones.Testing;

// 1,000 tracker-like instances on the durable engine (start, one event, one activity, complete) against a private Azurite,
// next to the raw entity-group transaction rate of the same Azurite as a baseline.
var instances = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var eventsPerSecond = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 50;
await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
Environment.SetEnvironmentVariable("AzureWebJobsStorage", azurite.ConnectionString);
Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
Environment.SetEnvironmentVariable("PORT", AzuriteInstance.FreePort().ToString(CultureInfo.InvariantCulture));

var baseline = await RawTransactionsPerSecondAsync(new TableServiceClient(azurite.ConnectionString), workers: 8, TimeSpan.FromSeconds(3));

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
using var app = builder.Build();
await app.StartAsync();
var client = app.Services.GetRequiredService<DurableTaskClient>();

var ids = Enumerable.Range(0, instances).Select(i => $"T{i:D4}").ToArray();
var startClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, ct) =>
    await client.ScheduleNewOrchestrationInstanceAsync(nameof(TrackerFunctions.BenchTracker), new StartOrchestrationOptions(id), ct));
var startSeconds = startClock.Elapsed.TotalSeconds;

// Every instance waits for its event before events are raised, so latency measures event-to-completion only.
while (true)
{
    var running = 0;
    await foreach (var page in client.GetAllInstancesAsync(new OrchestrationQuery(Statuses: [OrchestrationRuntimeStatus.Running], PageSize: 1000)).AsPages())
    {
        running += page.Values.Count;
    }

    if (running == instances)
    {
        break;
    }

    await Task.Delay(500);
}

var readySeconds = startClock.Elapsed.TotalSeconds;
var latencies = new ConcurrentBag<double>();
var waits = new List<Task>();
var interval = TimeSpan.FromSeconds(1 / eventsPerSecond);
var eventClock = Stopwatch.StartNew();
for (var i = 0; i < ids.Length; i++)
{
    var due = interval * i;
    if (eventClock.Elapsed < due)
    {
        await Task.Delay(due - eventClock.Elapsed);
    }

    var id = ids[i];
    var raisedAt = eventClock.Elapsed;
    await client.RaiseEventAsync(id, "status", "Commenced");
    waits.Add(Task.Run(async () =>
    {
        var done = await client.WaitForInstanceCompletionAsync(id);
        if (done.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
        {
            throw new InvalidOperationException($"{id} ended {done.RuntimeStatus}");
        }

        latencies.Add((eventClock.Elapsed - raisedAt).TotalMilliseconds);
    }));
}

var raiseSeconds = eventClock.Elapsed.TotalSeconds;
await Task.WhenAll(waits);
var totalSeconds = eventClock.Elapsed.TotalSeconds;
await app.StopAsync();

var sorted = latencies.OrderBy(l => l).ToArray();
double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
string F(double v) => v.ToString("F1", CultureInfo.InvariantCulture);
Console.WriteLine();
Console.WriteLine($"| Durable engine, {instances} tracker instances ({Environment.ProcessorCount} cores, Azurite in memory) | value |");
Console.WriteLine("|---|---|");
Console.WriteLine($"| Raw Azurite entity-group transactions/s (2 upserts, 1 partition, 8 workers) | {F(baseline)} |");
Console.WriteLine($"| Start rate (ScheduleNewOrchestrationInstanceAsync, 16 callers), instances/s | {F(instances / startSeconds)} |");
Console.WriteLine($"| Time until all {instances} are Running and waiting, s | {F(readySeconds)} |");
Console.WriteLine($"| Event rate offered / achieved, events/s | {F(eventsPerSecond)} / {F(instances / raiseSeconds)} |");
Console.WriteLine($"| Event-to-completion p50, ms | {F(Percentile(0.50))} |");
Console.WriteLine($"| Event-to-completion p99, ms | {F(Percentile(0.99))} |");
Console.WriteLine($"| Event-to-completion max, ms | {F(sorted[^1])} |");
Console.WriteLine($"| Throughput, completed instances/s (first event to last completion) | {F(instances / totalSeconds)} |");

static async Task<double> RawTransactionsPerSecondAsync(TableServiceClient service, int workers, TimeSpan window)
{
    var table = service.GetTableClient("BaselineTransactions");
    await table.CreateIfNotExistsAsync();
    var count = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
    {
        var partition = "P" + worker.ToString(CultureInfo.InvariantCulture);
        for (var n = 0; clock.Elapsed < window; n++)
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "state") { ["N"] = n }),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "last") { ["N"] = n }),
            ]);
            Interlocked.Increment(ref count);
        }
    }));
    return count / clock.Elapsed.TotalSeconds;
}
