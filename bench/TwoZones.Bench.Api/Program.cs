using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using TwoZones.Bench.Api;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Time;
using TwoZones.Storage;
using TwoZones.Testing;

// HTTP API benchmarks against the real app (child process) on a private in-memory Azurite. See BenchOptions for the arguments.
var options = BenchOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
var startedAt = DateTimeOffset.UtcNow;
var window = TimeSpan.FromSeconds(options.Seconds);
if (!File.Exists(options.AppDll))
{
    Console.Error.WriteLine($"{options.AppDll} not found: dotnet build src/TwoZones.Functions -c Release --artifacts-path /tmp/art-bench (or pass --app).");
    return 2;
}

void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

await using var app = await BenchApp.StartAsync(options.AppDll, Log);
var api = app.Api;

var service = new TableServiceClient(app.Azurite.ConnectionString);
var appTables = new TwoZonesTables(service);
var sampleJson = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json"));
var sample = CatalogueJson.Parse(sampleJson);
var sampleCount = sample.Tasks.Count + sample.Measures.Count;
var progressRows = new List<string[]>();
var importRows = new List<string[]>();

// 4. Import of the sample file through the API.
var (sampleImport, sampleStatus) = await api.ImportAsync(sampleJson, TimeSpan.FromMinutes(10));
importRows.Add(["data/catalogue.sample.json via API (POST → Completed)", sampleCount.ToString("N0", inv), Seconds(sampleImport), Rate(sampleCount, sampleImport)]);
Log($"sample imported in {sampleImport.TotalSeconds:F2} s: {sampleStatus}");

// 3a. Progress at the sample's size.
await MeasureProgressAsync(sampleCount, "sample file, imported via API");

// 3b. The sample extended with Proposed measures, imported via the API; those measures are also the targets of the status updates.
var (medium, added) = GeneratedCatalogue.Extend(sample, options.MediumCatalogue);
var errors = CatalogueValidator.Validate(medium);
if (errors.Count > 0)
{
    throw new InvalidOperationException("Generated catalogue is invalid: " + string.Join("; ", errors.Take(5).Select(e => e.Message)));
}

var mediumJson = CatalogueJson.Serialize(medium);
var (mediumImport, _) = await api.ImportAsync(mediumJson, TimeSpan.FromMinutes(10));
importRows.Add([$"generated catalogue via API ({added.Count:N0} new of {options.MediumCatalogue:N0}, {mediumJson.Length / 1024.0 / 1024.0:F1} MiB)", added.Count.ToString("N0", inv), Seconds(mediumImport), Rate(added.Count, mediumImport)]);
Log($"{options.MediumCatalogue} catalogue imported in {mediumImport.TotalSeconds:F2} s");
await MeasureProgressAsync(options.MediumCatalogue, "generated, imported via API");

// More Proposed targets for the status updates: the catalogue extended to the most a valid file holds (a superset of the one above).
var targetItems = added;
if (options.ExtendForUpdates)
{
    var (full, fullAdded) = GeneratedCatalogue.Extend(sample, GeneratedCatalogue.MaxValidItems(sample));
    var fullJson = CatalogueJson.Serialize(full);
    var (fullImport, _) = await api.ImportAsync(fullJson, TimeSpan.FromMinutes(10));
    var fresh = fullAdded.Count - added.Count;
    importRows.Add([$"generated catalogue via API ({fresh:N0} new of {fullAdded.Count + sampleCount:N0}, {fullJson.Length / 1024.0 / 1024.0:F1} MiB)", fresh.ToString("N0", inv), Seconds(fullImport), Rate(fresh, fullImport)]);
    Log($"extended to {fullAdded.Count + sampleCount} items in {fullImport.TotalSeconds:F2} s");
    (medium, targetItems) = (full, fullAdded);
}

var itemsNow = sampleCount + targetItems.Count;
await Polling.UntilAsync(async () => (await api.GetProgressAsync()).Total == itemsNow, TimeSpan.FromMinutes(5), $"progress to count {itemsNow} items");

// The imports start one tracker orchestration per new item in the background; measuring while that runs would measure it too.
var settled = await ChildCpu.WaitUntilQuietAsync(0.25, TimeSpan.FromSeconds(options.SettleSeconds));
Log($"app and Azurite settled (or gave up) after {settled.TotalSeconds:F0} s");

// 1 + 2. At each concurrency, raw entity-group transactions and then status updates over HTTP back to back, so that each ratio compares
// two measurements taken under similar load from the other users of the machine.
var today = ShanghaiClock.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", inv);
var targets = targetItems.Select(m => m.Id).ToArray();
var nextTarget = -1;

// Each generated measure moves Proposed→Commenced once; when all have, a second pass moves them Commenced→Completed (which also ends
// their trackers), as their lives go on. Every request is still a valid move of a distinct item at its time.
(string Id, string To)? TakeTarget()
{
    var i = Interlocked.Increment(ref nextTarget);
    return i < targets.Length ? (targets[i], "Commenced")
        : i < 2 * targets.Length ? (targets[i - targets.Length], "Completed")
        : null;
}

// Warm-up: JIT, connection pool, first writes of the process.
for (var i = 0; i < 20 && TakeTarget() is { } warm; i++)
{
    await api.PostStatusAsync("measures", warm.Id, warm.To, today);
}

var rawRows = new List<string[]>();
var httpRows = new List<string[]>();
foreach (var workers in options.Concurrency)
{
    // (a) The baseline: a fresh table per level, so it does not pay for the rows of the previous level.
    var rawTables = new TwoZonesTables(service, "benchraw" + workers.ToString(inv));
    await rawTables.EnsureCreatedAsync(default);
    var (rawRate, rawRow) = await RawAsync(rawTables.Items, workers, "W", withRead: false);
    rawRows.Add(["fresh table", .. rawRow]);

    // Row keys unlike the app's ("state", "h-…") keep these rows out of the app's item scans.
    // (b) The same transactions in the app's Items table (all the items and their history): Azurite's in-memory store slows down as a
    // table grows, which real Table storage does not.
    var (bigRate, bigRow) = await RawAsync(appTables.Items, workers, $"bench-{workers}-", withRead: false);
    rawRows.Add([$"app's Items table ({itemsNow:N0} items)", .. bigRow]);

    // (c) The storage work of one status update without the app: a point read of the state row, then the 3-operation transaction.
    var (readRate, readRow) = await RawAsync(appTables.Items, workers, $"benchread-{workers}-", withRead: true);
    rawRows.Add([$"read + transaction, app's Items table", .. readRow]);

    // (b) and (c) wrote two rows per transaction into the app's table; left there, they would make the app's own updates below pay
    // for a table several times the size the app made (Azurite's cost per write grows with the table).
    var removed = await RemoveBenchRowsAsync(appTables.Items, workers, [$"bench-{workers}-", $"benchread-{workers}-"]);
    Log($"removed {removed:N0} baseline rows from the app's Items table");

    var latencies = new Latencies();
    var (count, elapsed) = await RunAsync(workers, window, async (_, _) =>
    {
        if (TakeTarget() is not { } target)
        {
            return false;
        }

        latencies.Add(await api.PostStatusAsync("measures", target.Id, target.To, today));
        return true;
    });
    var rate = count / elapsed.TotalSeconds;
    var ratio = (rate / rawRate * 100).ToString("F0", inv) + " %";
    var ratioBig = (rate / bigRate * 100).ToString("F0", inv) + " %";
    var ratioRead = (rate / readRate * 100).ToString("F0", inv) + " %";
    var exhausted = nextTarget >= 2 * targets.Length ? " (ran out of items to move)" : string.Empty;
    httpRows.Add([workers.ToString(inv), count.ToString("N0", inv), Seconds(elapsed) + exhausted, rate.ToString("F0", inv), latencies.Format(50), latencies.Format(99), ratio, ratioBig, ratioRead]);
    Log($"HTTP status updates x{workers}: {rate:F0}/s p50 {latencies.Format(50)} ms p99 {latencies.Format(99)} ms ({ratio} of raw)");
}

var movesByBench = Math.Min(nextTarget + 1, 2 * targets.Length);
var completedByBench = Math.Max(0, movesByBench - targets.Length);

// 3c. Beyond what a valid catalogue can hold (999 measures per programme): items written directly with ItemRepository.ImportAsync.
if (options.LargeCatalogue > itemsNow)
{
    // Chunks of 50 (ImportAsync's threshold for listing existing ids first, a full scan) so that a time budget can stop the writes.
    var bulk = GeneratedCatalogue.Bulk(options.LargeCatalogue - itemsNow, medium.Programmes, medium.Agencies);
    var repository = new ItemRepository(appTables, TimeProvider.System);
    var budget = TimeSpan.FromSeconds(options.LargeBudgetSeconds);
    var written = 0;
    var clock = Stopwatch.StartNew();
    foreach (var chunk in bulk.Chunk(50))
    {
        if (clock.Elapsed > budget)
        {
            break;
        }

        var result = await repository.ImportAsync(chunk, "bench", default);
        written += result.Created;
        if (written % 5_000 == 0)
        {
            Log($"{written} items written directly ({written / clock.Elapsed.TotalSeconds:F0}/s)");
        }
    }

    clock.Stop();
    var stopped = written < bulk.Count ? $", stopped by the {options.LargeBudgetSeconds:0} s budget" : string.Empty;
    importRows.Add([$"bulk items direct to storage (ItemRepository.ImportAsync in chunks of 50, not the API{stopped})", written.ToString("N0", inv), Seconds(clock.Elapsed), Rate(written, clock.Elapsed)]);
    Log($"{written} items written directly in {clock.Elapsed.TotalSeconds:F1} s{stopped}");
    await MeasureProgressAsync(itemsNow + written, "generated; items beyond the API-valid catalogue written directly via ItemRepository.ImportAsync" + stopped);
}

var loadAtEnd = File.ReadAllText("/proc/loadavg").Trim();
var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
var memGiB = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], inv) / 1024.0 / 1024.0;

Console.WriteLine("## HTTP API benchmarks");
Console.WriteLine();
Console.WriteLine($"- Command: `dotnet {Path.GetFileName(Environment.GetCommandLineArgs()[0])} {string.Join(' ', args)}` (Release), app `{options.AppDll}` (Release)");
Console.WriteLine($"- Run: {startedAt:yyyy-MM-dd HH:mm} → {DateTimeOffset.UtcNow:HH:mm} UTC; machine: {Environment.ProcessorCount} cores (nproc), {memGiB:F1} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"- Load average (/proc/loadavg): start `{loadAtStart}`, end `{loadAtEnd}` — the machine is shared; figures are noisy");
Console.WriteLine($"- Before the throughput measurements the bench waited {settled.TotalSeconds:F0} s (limit {options.SettleSeconds:0} s) for the app + Azurite to use < 25 % of a core over 3 s (background tracker starts after the imports)");
Console.WriteLine("- Azurite: private instance, tables only, **in-memory persistence** (`--inMemoryPersistence`), telemetry off (`--disableTelemetry`), same Azurite for the app and the raw baseline");
Console.WriteLine($"- {options.Seconds:0.#} s per throughput measurement, raw and HTTP back to back at each concurrency; status updates: coordinator key, `POST /api/measures/{{id}}/status` Proposed→Commenced, each on a distinct item, then (once all {targets.Length:N0} generated Proposed measures have commenced) Commenced→Completed in the same order ({movesByBench:N0} moves in all incl. 20 warm-up requests, {completedByBench:N0} of them to Completed; {itemsNow:N0} items in store)");
Console.WriteLine();
Console.WriteLine("### 1. Raw Azurite entity-group transactions (Azure.Data.Tables, 3 operations in one partition per worker: upsert state + add history row + add idempotency row)");
Console.WriteLine();
Console.WriteLine("(a) is the baseline the aim refers to; (b) and (c) run right after it at the same concurrency, to separate Azurite's table-size cost from the app's own cost.");
Console.WriteLine();
Console.WriteLine("| table | workers | transactions | seconds | per second | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
rawRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("### 2. Status updates over HTTP (real app, real Kestrel)");
Console.WriteLine();
Console.WriteLine("| clients | requests (all 200) | seconds | per second | p50 ms | p99 ms | % of raw (a) fresh table | % of raw (b) app's table | % of (c) read + transaction |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
httpRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("Aim (issue): ≥ 30 % of raw at 16 clients.");
Console.WriteLine();
Console.WriteLine($"### 3. `GET /api/progress` latency ({options.ProgressWarmup} warm-up, then {options.ProgressRequests} sequential requests, viewer key, whole body read)");
Console.WriteLine();
Console.WriteLine("| items | p50 ms | p99 ms | max ms | p50 growth vs first row | item growth | how the items got there |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---|");
progressRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("Aim: p50 < 20 ms at 751 and < 1 s at 75,000, growth no worse than linear.");
Console.WriteLine();
Console.WriteLine("### 4. Imports");
Console.WriteLine();
Console.WriteLine("| what | items | seconds | items/s |");
Console.WriteLine("|---|---:|---:|---:|");
importRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
return 0;

async Task MeasureProgressAsync(int expected, string how)
{
    // Progress is served from memory and catches up with storage within a refresh.
    var wait = Stopwatch.StartNew();
    await Polling.UntilAsync(async () => (await api.GetProgressAsync()).Total == expected, TimeSpan.FromMinutes(10), $"progress to count {expected} items");
    Log($"progress counts {expected} after {wait.Elapsed.TotalSeconds:F1} s");
    for (var i = 0; i < options.ProgressWarmup; i++)
    {
        await api.GetProgressAsync();
    }

    var latencies = new Latencies();
    for (var i = 0; i < options.ProgressRequests; i++)
    {
        var (elapsed, total) = await api.GetProgressAsync();
        if (total != expected)
        {
            throw new InvalidOperationException($"progress total {total}, expected {expected}");
        }

        latencies.Add(elapsed);
    }

    var firstP50 = progressRows.Count == 0 ? latencies.Percentile(50) : double.Parse(progressRows[0][1], inv);
    var firstItems = progressRows.Count == 0 ? expected : int.Parse(progressRows[0][0], NumberStyles.AllowThousands, inv);
    progressRows.Add([expected.ToString("N0", inv), latencies.Format(50), latencies.Format(99), latencies.Format(100),
        (latencies.Percentile(50) / firstP50).ToString("F1", inv) + "×", ((double)expected / firstItems).ToString("F1", inv) + "×", how]);
    Log($"progress at {expected}: p50 {latencies.Format(50)} ms p99 {latencies.Format(99)} ms");
}

async Task<(double Rate, string[] Row)> RawAsync(TableClient table, int workers, string partitionPrefix, bool withRead)
{
    var latencies = new Latencies();
    var (count, elapsed) = await RunAsync(workers, window, async (worker, n) =>
    {
        var partition = partitionPrefix + worker.ToString(inv);
        var row = n.ToString("D9", inv);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "bench-state") { ["N"] = n, ["Status"] = "Commenced" }),
            new(TableTransactionActionType.Add, new TableEntity(partition, "bench-h-" + row) { ["N"] = n, ["Note"] = "bench" }),
            new(TableTransactionActionType.Add, new TableEntity(partition, "bench-idem-" + row) { ["N"] = n }),
        ];
        var clock = Stopwatch.StartNew();
        if (withRead && n > 0)
        {
            await table.GetEntityAsync<TableEntity>(partition, "bench-state");
        }

        await table.SubmitTransactionAsync(actions);
        latencies.Add(clock.Elapsed);
        return true;
    });
    var rate = count / elapsed.TotalSeconds;
    Log($"raw {(withRead ? "read+tx" : "tx")} {table.Name} x{workers}: {rate:F0}/s p50 {latencies.Format(50)} ms p99 {latencies.Format(99)} ms");
    return (rate, [workers.ToString(inv), count.ToString("N0", inv), Seconds(elapsed), rate.ToString("F0", inv), latencies.Format(50), latencies.Format(99)]);
}

// Deletes every row of the baseline's partitions (one partition per worker and prefix), 100 to a transaction.
static async Task<int> RemoveBenchRowsAsync(TableClient table, int workers, string[] partitionPrefixes)
{
    var removed = 0;
    foreach (var partition in partitionPrefixes.SelectMany(prefix => Enumerable.Range(0, workers).Select(w => prefix + w.ToString(CultureInfo.InvariantCulture))))
    {
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, key))));
            removed += chunk.Length;
        }
    }

    return removed;
}

static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

static string Rate(int count, TimeSpan t) => (count / t.TotalSeconds).ToString("F0", CultureInfo.InvariantCulture);

// Runs `workers` loops until the window closes or an operation says there is nothing left; returns operations done and the time taken.
static async Task<(long Count, TimeSpan Elapsed)> RunAsync(int workers, TimeSpan window, Func<int, long, Task<bool>> operation)
{
    var count = 0L;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
    {
        for (var n = 0L; clock.Elapsed < window; n++)
        {
            if (!await operation(worker, n))
            {
                return;
            }

            Interlocked.Increment(ref count);
        }
    }));
    clock.Stop();
    return (count, clock.Elapsed);
}
