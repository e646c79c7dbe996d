using System.Diagnostics;
using System.Globalization;
using TwoZones.Bench.Api;
using TwoZones.Bench.Workflows;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Testing;

// Workflow benchmarks against the real app (child process) on a private in-memory Azurite: tracker start-up after an import,
// digest builds at two catalogue sizes, and what an idle host costs. Markdown report on stdout, progress on stderr. See WorkflowOptions.
var options = WorkflowOptions.Parse(args);
var inv = CultureInfo.InvariantCulture;
var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
var startedAt = DateTimeOffset.UtcNow;
if (!File.Exists(options.AppDll))
{
    Console.Error.WriteLine($"{options.AppDll} not found: dotnet build src/TwoZones.Functions -c Release --artifacts-path /tmp/art-wf (or pass --app).");
    return 2;
}

var trackerRows = new List<string[]>();
var idleRows = new List<string[]>();
var digestRows = new List<string[]>();
var digestSummaries = new List<string>();
var settleNotes = new List<string>();

void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

// Start and shutdown lines in the captured output, to explain an app that exits during the run.
await using var app = await BenchApp.StartAsync(options.AppDll, Log, new Dictionary<string, string> { ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information" });
var (azurite, host, api) = (app.Azurite, app.Host, app.Api);

// Both are direct children of this process: Azurite runs as `node …/main.js`, the app as the local Functions host (`dotnet
// LocalFunctionsHost.dll`, which tools/func becomes), whose child is the app's worker; "app" figures are the two together.
var azuritePid = ChildCpu.ChildProcessId("node") ?? throw new InvalidOperationException("Azurite's process was not found among this process's children.");
var appPid = ChildCpu.ChildProcessId("dotnet") ?? throw new InvalidOperationException("The app's process was not found among this process's children.");
ProcessSample AppSample()
{
    try
    {
        return ProcessSample.ReadTree(appPid);
    }
    catch (IOException e)
    {
        var output = host.Output;
        throw new InvalidOperationException(
            $"The app (pid {appPid}) is gone: exited {host.HasExited}, code {host.ExitCode}. Its last output:\n{output[Math.Max(0, output.Length - 4000)..]}", e);
    }
}

var appAtStart = AppSample();
Log($"app healthy on port {host.Port} (pid {appPid}, RSS {appAtStart.RssMiB:F0} MiB); Azurite pid {azuritePid}");

var sampleJson = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json"));
var sample = CatalogueJson.Parse(sampleJson);
var sampleIds = sample.Tasks.Concat(sample.Measures).Select(i => i.Id).ToList();

// 1. The sample through the API, then every tracker's first round.
await ImportAndTrackAsync(sampleJson, sampleIds, sampleIds.Count, "data/catalogue.sample.json");
await SettleAsync(sampleIds.Count);

// 3. The idle host with the sample's trackers waiting: a window right after the import settled, which may still hold the
// import's tail, then the next one.
await IdleAsync(sampleIds.Count, "first window");
await IdleAsync(sampleIds.Count, "next window");

// 2. Digest builds at the sample's size; in between, what a second POST in the same week does.
var week = IsoWeekId.OfInstant(DateTimeOffset.UtcNow).ToString();
var digests = new DigestTiming(api, Log);
await DigestsAsync(sampleIds.Count, afterFirst: async () =>
{
    var (answer, unchanged) = await digests.RepeatWithoutPurgeAsync(week, TimeSpan.FromSeconds(3));
    digestSummaries.Add($"A second `POST /api/digests` in the same week, without purging: `202 {answer}`; the stored digest {(unchanged ? "stayed the same (same generatedAt 3 s later)" : "CHANGED")}. " +
        "So each rebuild below first purges the finished instance (`DELETE /runtime/webhooks/durabletask/instances/digest-" + week + "`), then POSTs; the new run stores a new generation of the digest.");
});

// 4. Status updates at a steady rate, each ending a tracker: update sent → tracker done.
var eventRows = new List<string[]>();
var commencedMeasures = sample.Measures.Where(m => m.Status == ItemStatus.Commenced).Select(m => m.Id).Take(options.EventCount).ToList();
// The app's host.json names the task hub TwoZones.
var paced = await PacedEvents.RunAsync(api, new Azure.Data.Tables.TableClient(azurite.ConnectionString, "TwoZonesInstances"), commencedMeasures, options.EventRate, Log);
eventRows.Add([sampleIds.Count.ToString("N0", inv), $"{paced.Sent:N0} at {options.EventRate:0}/s ({paced.Sent / paced.Seconds:F1}/s achieved)",
    $"{paced.P(paced.Latencies, 0.5):F0} / {paced.P(paced.Latencies, 0.99):F0} / {paced.Latencies[^1]:F0}",
    $"{paced.P(paced.HttpLatencies, 0.5):F0} / {paced.P(paced.HttpLatencies, 0.99):F0}"]);
Log($"paced events: tracker done p50 {paced.P(paced.Latencies, 0.5):F0} ms, p99 {paced.P(paced.Latencies, 0.99):F0} ms");

// The sample extended with Proposed measures, imported through the API; then the same measurements at that size.
var (generated, added) = GeneratedCatalogue.Extend(sample, options.GeneratedItems);
var errors = CatalogueValidator.Validate(generated);
if (errors.Count > 0)
{
    throw new InvalidOperationException("Generated catalogue is invalid: " + string.Join("; ", errors.Take(5).Select(e => e.Message)));
}

await ImportAndTrackAsync(CatalogueJson.Serialize(generated), [.. added.Select(i => i.Id)], options.GeneratedItems, $"generated ({added.Count:N0} new Proposed measures)");
await SettleAsync(options.GeneratedItems);
await IdleAsync(options.GeneratedItems, "first window");
await IdleAsync(options.GeneratedItems, "next window");
await DigestsAsync(options.GeneratedItems, afterFirst: null);

// Azurite with the same data once the app has stopped: its own cost without any client, the baseline of the idle rows.
await host.StopAsync();
var aloneWindow = TimeSpan.FromSeconds(Math.Min(20, options.IdleSeconds));
await Task.Delay(TimeSpan.FromSeconds(3));
var aloneStart = ProcessSample.Read(azuritePid);
await Task.Delay(aloneWindow);
var aloneCpu = ProcessSample.Read(azuritePid).CpuPercentSince(aloneStart, aloneWindow);
idleRows.Add([$"Azurite alone after the app stopped ({aloneWindow.TotalSeconds:0} s)", "–", "–", "–", "–", "–", aloneCpu.ToString("F1", inv)]);
Log($"Azurite alone: {aloneCpu:F1} % CPU");

var loadAtEnd = File.ReadAllText("/proc/loadavg").Trim();
var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
var memGiB = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], inv) / 1024.0 / 1024.0;

Console.WriteLine("## Workflow benchmarks");
Console.WriteLine();
Console.WriteLine($"- Command: `dotnet {Path.GetFileName(Environment.GetCommandLineArgs()[0])} {string.Join(' ', args)}` (Release), app `{options.AppDll}` (Release)");
Console.WriteLine($"- Run: {startedAt:yyyy-MM-dd HH:mm} → {DateTimeOffset.UtcNow:HH:mm} UTC; machine: {Environment.ProcessorCount} cores (nproc), {memGiB:F1} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"- Load average (/proc/loadavg): start `{loadAtStart}`, end `{loadAtEnd}` — the machine is shared; figures are noisy");
Console.WriteLine("- Azurite: private instance, tables, queues and blobs, **in-memory persistence**; the app runs under the local Functions host (`tools/func start`; app figures are host + worker), `TWOZONES_SEED=none`, snapshot and digest timers moved to 1 January");
Console.WriteLine($"- App at start (healthy, empty store): RSS {appAtStart.RssMiB:F0} MiB, {appAtStart.Threads} threads");
settleNotes.ForEach(n => Console.WriteLine($"- {n}"));
Console.WriteLine();
Console.WriteLine("### 1. Time to start trackers after an import");
Console.WriteLine();
Console.WriteLine("Clock starts at `POST /api/catalogue`. \"Ready\" = the tracker instance (id = item id) is Running or Completed and has a custom status, i.e. has finished its first round. " +
    "The app's management API has no list query, so readiness is polled with one `GET /runtime/webhooks/durabletask/instances/{id}` per pending tracker (4 at a time, 250 ms between rounds), starting when the import reports Completed; the polling itself loads the app.");
Console.WriteLine();
Console.WriteLine("| catalogue | items in store | trackers watched | POST → import Completed (s) | POST → all watched trackers ready (s): last seen not ready – all seen ready | ready at first poll | polling rounds / GETs | Running / Completed trackers |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
trackerRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("### 2. Digest build (`POST /api/digests` → `GET /api/digests/{week}` returns the new digest)");
Console.WriteLine();
digestSummaries.ForEach(s => Console.WriteLine($"- {s}"));
Console.WriteLine();
Console.WriteLine("| items | build | POST → stored digest readable (s) | POST → orchestration Completed (s) | moved this week | purged first |");
Console.WriteLine("|---:|---:|---:|---:|---:|---|");
digestRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("No webhook is configured, so the delivery step returns at once. Every item was imported this week; each programme's activity reads the week's history entries with one query over the history rows.");
Console.WriteLine();
Console.WriteLine($"### 3. Idle host ({options.IdleSeconds:0} s windows one after the other once the import settled, no requests)");
Console.WriteLine();
Console.WriteLine("| items (trackers waiting) | app CPU (% of one core) | app RSS start → end (MiB) | app threads | data segments Azurite received (≈ requests) | KiB Azurite received | Azurite CPU (% of one core) |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
idleRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("CPU from utime+stime in /proc/<pid>/stat (10 ms ticks) over the window; RSS = VmRSS from /proc/<pid>/status. Azurite's traffic: " +
    "`data_segs_in` and `bytes_received` of its established connections from `ss -tin` sampled every second " +
    "(growth per connection; a small request such as a query is one segment); the app is its only client then. With Azurite's CPU they show how much the idle app asks of its tables; the Durable provider's queue polling (at most 1 s apart when idle) goes to the queue port and shows only in Azurite's CPU.");
Console.WriteLine();
Console.WriteLine($"### 4. Status update → tracker done, at a steady rate (Commenced → Completed; each update ends its item's tracker)");
Console.WriteLine();
Console.WriteLine("| items (trackers) | updates | update sent → tracker done, ms: p50 / p99 / max | HTTP request, ms: p50 / p99 |");
Console.WriteLine("|---:|---|---:|---:|");
eventRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("Each update is sent on a fixed schedule (not waiting for the previous one); the tracker's end is the `LastUpdatedTime` of its row in the task hub's Instances table (full precision; the management API gives whole seconds), read once all updates were sent.");
return 0;

async Task ImportAndTrackAsync(string catalogueJson, IReadOnlyCollection<string> watched, int itemsAfter, string what)
{
    var clock = Stopwatch.StartNew();
    var (imported, status) = await api.ImportAsync(catalogueJson, TimeSpan.FromMinutes(15));
    var importDone = clock.Elapsed;
    Log($"{what} imported in {imported.TotalSeconds:F2} s: {status}");
    var ready = await TrackerReadiness.WaitAsync(api, watched, clock, TimeSpan.FromMinutes(15), parallelism: 4, Log);
    var readyRange = ready.LastNotReady is { } notYet ? $"{Seconds(notYet)} – {Seconds(ready.Elapsed)}" : $"≤ {Seconds(ready.Elapsed)}";
    trackerRows.Add([what, itemsAfter.ToString("N0", inv), watched.Count.ToString("N0", inv), Seconds(importDone), readyRange,
        ready.ReadyAtFirstRound.ToString("N0", inv), $"{ready.Rounds} / {ready.Requests:N0}", $"{ready.Running:N0} / {ready.Completed:N0}"]);
}

async Task SettleAsync(int items)
{
    await Polling.UntilAsync(async () => (await api.GetProgressAsync()).Total == items, TimeSpan.FromMinutes(5), $"progress to count {items} items");
    var settled = await ChildCpu.WaitUntilQuietAsync(0.25, TimeSpan.FromSeconds(options.SettleSeconds));
    settleNotes.Add($"At {items:N0} items the bench then waited {settled.TotalSeconds:F0} s (limit {options.SettleSeconds:0} s) for the app + Azurite to use < 25 % of a core over 3 s");
    Log($"settled at {items} items after {settled.TotalSeconds:F0} s");
}

async Task IdleAsync(int items, string which)
{
    var window = TimeSpan.FromSeconds(options.IdleSeconds);
    var app = AppSample();
    var storage = ProcessSample.Read(azuritePid);
    var traffic = new StorageTraffic(azurite.TablePort);
    await traffic.SampleAsync();
    var clock = Stopwatch.StartNew();
    var maxThreads = app.Threads;
    while (clock.Elapsed < window)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        maxThreads = Math.Max(maxThreads, AppSample().Threads);
        await traffic.SampleAsync();
    }

    var appEnd = AppSample();
    var storageEnd = ProcessSample.Read(azuritePid);
    var (segments, bytes) = traffic.Received;
    var elapsed = clock.Elapsed;
    var appCpu = appEnd.CpuPercentSince(app, elapsed);
    var storageCpu = storageEnd.CpuPercentSince(storage, elapsed);
    idleRows.Add([$"{items.ToString("N0", inv)} ({which})", appCpu.ToString("F1", inv), $"{app.RssMiB:F0} → {appEnd.RssMiB:F0}", $"{app.Threads} (max {maxThreads})",
        segments.ToString("N0", inv), (bytes / 1024.0).ToString("F1", inv), storageCpu.ToString("F1", inv)]);
    Log($"idle at {items} items ({which}) over {elapsed.TotalSeconds:F0} s: app {appCpu:F1} % CPU, RSS {app.RssMiB:F0} → {appEnd.RssMiB:F0} MiB; Azurite {storageCpu:F1} % CPU, received {segments} segments, {bytes / 1024.0:F1} KiB");
}

async Task DigestsAsync(int items, Func<Task>? afterFirst)
{
    var builds = new List<DigestTiming.Build>();
    for (var i = 0; i < options.DigestRepeats; i++)
    {
        builds.Add(await digests.BuildAsync(week, items, TimeSpan.FromMinutes(10)));
        var b = builds[^1];
        digestRows.Add([items.ToString("N0", inv), (i + 1).ToString(inv), Seconds(b.Stored), Seconds(b.Completed), b.Moved.ToString("N0", inv), b.Purged ? "yes" : "no (first build of the week)"]);
        if (i == 0 && afterFirst is not null)
        {
            await afterFirst();
        }
    }

    var stored = new Latencies();
    var completed = new Latencies();
    builds.ForEach(b => { stored.Add(b.Stored); completed.Add(b.Completed); });
    digestSummaries.Add($"At {items:N0} items: median of {builds.Count} builds {stored.Percentile(50) / 1000:F2} s to the stored digest ({string.Join(", ", builds.Select(b => Seconds(b.Stored)))} s), " +
        $"{completed.Percentile(50) / 1000:F2} s to the orchestration's completion.");
}

static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
