using System.Diagnostics;
using System.Globalization;
using System.Net;
using TwoZones.Bench.Api;
using TwoZones.Bench.Workflows;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Digest;
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

await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
Log($"Azurite (in memory) on table port {azurite.TablePort}");

// Azurite on its own, before the app starts: what its housekeeping costs without any client.
var azuritePid = ChildCpu.ChildProcessId("node") ?? throw new InvalidOperationException("Azurite's process was not found among this process's children.");
var aloneWindow = TimeSpan.FromSeconds(Math.Min(10, options.IdleSeconds));
var aloneStart = ProcessSample.Read(azuritePid);
await Task.Delay(aloneWindow);
var aloneEnd = ProcessSample.Read(azuritePid);
idleRows.Add(["Azurite alone, before the app started", "–", "–", "–", aloneEnd.CpuPercentSince(aloneStart, aloneWindow).ToString("F1", inv) + $" ({aloneWindow.TotalSeconds:0} s)", .. ReadRates(aloneStart, aloneEnd, aloneWindow)]);

var env = ApiClient.KeyEnvironment();
env["AzureWebJobsStorage"] = azurite.ConnectionString;
env["Logging__LogLevel__Default"] = "Warning";
env["TwoZones__SnapshotSchedule"] = "0 0 0 1 1 *";
env["TwoZones__DigestSchedule"] = "0 0 0 1 1 *";
env["TWOZONES_SEED"] = "none";
await using var host = await ChildHost.StartAsync(options.AppDll, env, AzuriteInstance.FreePort(), TimeSpan.FromSeconds(180));
using var api = new ApiClient(host.Port);
await WaitUntilAsync(async () => await api.HealthAsync() == HttpStatusCode.OK, TimeSpan.FromSeconds(120), "the app to report healthy");

// A direct child of this process, as Azurite (`node …/main.js`) is: ChildHost runs `dotnet app.dll`.
var appPid = ChildCpu.ChildProcessId("dotnet") ?? throw new InvalidOperationException("The app's process was not found among this process's children.");
var appAtStart = ProcessSample.Read(appPid);
Log($"app healthy on port {host.Port} (pid {appPid}, RSS {appAtStart.RssMiB:F0} MiB); Azurite pid {azuritePid}");

var sampleJson = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json"));
var sample = CatalogueJson.Parse(sampleJson);
var sampleIds = sample.Tasks.Concat(sample.Measures).Select(i => i.Id).ToList();

// 1. The sample through the API, then every tracker's first round.
await ImportAndTrackAsync(sampleJson, sampleIds, sampleIds.Count, "data/catalogue.sample.json");
await SettleAsync(sampleIds.Count);

// 3. The idle host with the sample's trackers waiting.
await IdleAsync(sampleIds.Count);

// 2. Digest builds at the sample's size; in between, what a second POST in the same week does.
var week = IsoWeekId.OfInstant(DateTimeOffset.UtcNow).ToString();
var digests = new DigestTiming(api, Log);
await DigestsAsync(sampleIds.Count, afterFirst: async () =>
{
    var (answer, unchanged) = await digests.RepeatWithoutPurgeAsync(week, TimeSpan.FromSeconds(3));
    digestSummaries.Add($"A second `POST /api/digests` in the same week, without purging: `202 {answer}`; the stored digest {(unchanged ? "stayed the same (same generatedAt 3 s later)" : "CHANGED")}. " +
        "So each rebuild below first purges the finished instance (`DELETE /runtime/webhooks/durabletask/instances/digest-" + week + "`), then POSTs; the new run stores a new generation of the digest.");
});

// The sample extended with Proposed measures, imported through the API; then the same measurements at that size.
var (generated, added) = GeneratedCatalogue.Extend(sample, options.GeneratedItems);
var errors = CatalogueValidator.Validate(generated);
if (errors.Count > 0)
{
    throw new InvalidOperationException("Generated catalogue is invalid: " + string.Join("; ", errors.Take(5).Select(e => e.Message)));
}

await ImportAndTrackAsync(CatalogueJson.Serialize(generated), [.. added.Select(i => i.Id)], options.GeneratedItems, $"generated ({added.Count:N0} new Proposed measures)");
await SettleAsync(options.GeneratedItems);
await IdleAsync(options.GeneratedItems);
await DigestsAsync(options.GeneratedItems, afterFirst: null);

var loadAtEnd = File.ReadAllText("/proc/loadavg").Trim();
var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
var memGiB = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], inv) / 1024.0 / 1024.0;

Console.WriteLine("## Workflow benchmarks");
Console.WriteLine();
Console.WriteLine($"- Command: `dotnet {Path.GetFileName(Environment.GetCommandLineArgs()[0])} {string.Join(' ', args)}` (Release), app `{options.AppDll}` (Release)");
Console.WriteLine($"- Run: {startedAt:yyyy-MM-dd HH:mm} → {DateTimeOffset.UtcNow:HH:mm} UTC; machine: {Environment.ProcessorCount} cores (nproc), {memGiB:F1} GiB RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine($"- Load average (/proc/loadavg): start `{loadAtStart}`, end `{loadAtEnd}` — the machine is shared; figures are noisy");
Console.WriteLine("- Azurite: private instance, tables only, **in-memory persistence**; the app is a child process (`dotnet TwoZones.Functions.dll`), `TWOZONES_SEED=none`, snapshot and digest timers moved to 1 January");
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
Console.WriteLine("No webhook is configured, so the delivery step returns at once. Every item was imported this week, so each build reads every item's history for the week's movements.");
Console.WriteLine();
Console.WriteLine($"### 3. Idle host ({options.IdleSeconds:0} s window after the import settled, no requests)");
Console.WriteLine();
Console.WriteLine("| items (trackers waiting) | app CPU (% of one core) | app RSS start → end (MiB) | app threads | Azurite CPU (% of one core) | Azurite reads (KiB/s) | Azurite read calls/s |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
idleRows.ForEach(r => Console.WriteLine($"| {string.Join(" | ", r)} |"));
Console.WriteLine();
Console.WriteLine("CPU from utime+stime in /proc/<pid>/stat (10 ms ticks) over the window; RSS = VmRSS from /proc/<pid>/status. Azurite's CPU and reads " +
    "(rchar and syscr from /proc/<pid>/io: every read call, sockets included; in memory it reads no data files) show how much the idle app asks of storage.");
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
    await WaitUntilAsync(async () => (await api.GetProgressAsync()).Total == items, TimeSpan.FromMinutes(5), $"progress to count {items} items");
    var settled = await ChildCpu.WaitUntilQuietAsync(0.25, TimeSpan.FromSeconds(options.SettleSeconds));
    settleNotes.Add($"At {items:N0} items the bench then waited {settled.TotalSeconds:F0} s (limit {options.SettleSeconds:0} s) for the app + Azurite to use < 25 % of a core over 3 s");
    Log($"settled at {items} items after {settled.TotalSeconds:F0} s");
}

async Task IdleAsync(int items)
{
    var window = TimeSpan.FromSeconds(options.IdleSeconds);
    var app = ProcessSample.Read(appPid);
    var storage = ProcessSample.Read(azuritePid);
    var clock = Stopwatch.StartNew();
    var maxThreads = app.Threads;
    while (clock.Elapsed < window)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        maxThreads = Math.Max(maxThreads, ProcessSample.Read(appPid).Threads);
    }

    var appEnd = ProcessSample.Read(appPid);
    var storageEnd = ProcessSample.Read(azuritePid);
    var elapsed = clock.Elapsed;
    var appCpu = appEnd.CpuPercentSince(app, elapsed);
    var storageCpu = storageEnd.CpuPercentSince(storage, elapsed);
    idleRows.Add([items.ToString("N0", inv), appCpu.ToString("F1", inv), $"{app.RssMiB:F0} → {appEnd.RssMiB:F0}", $"{app.Threads} (max {maxThreads})", storageCpu.ToString("F1", inv), .. ReadRates(storage, storageEnd, elapsed)]);
    Log($"idle at {items} items over {elapsed.TotalSeconds:F0} s: app {appCpu:F1} % CPU, RSS {app.RssMiB:F0} → {appEnd.RssMiB:F0} MiB; Azurite {storageCpu:F1} % CPU");
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

string[] ReadRates(ProcessSample start, ProcessSample end, TimeSpan elapsed) =>
    [((end.ReadBytes - start.ReadBytes) / 1024.0 / elapsed.TotalSeconds).ToString("F1", inv), ((end.ReadCalls - start.ReadCalls) / elapsed.TotalSeconds).ToString("F1", inv)];

static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
{
    var deadline = DateTime.UtcNow + timeout;
    Exception? last = null;
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            if (await condition())
            {
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
        {
            last = e;
        }

        await Task.Delay(200);
    }

    throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}. {last?.Message}");
}
