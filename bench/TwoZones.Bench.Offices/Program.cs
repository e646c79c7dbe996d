using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Azure.Data.Tables;
using TwoZones.Bench.Api;
using TwoZones.Bench.Offices;
using TwoZones.Core.Catalogue;
using TwoZones.Storage;
using TwoZones.Testing;

// Exports (751 and 10,000 items, CSV and workbook: time and the worker's peak memory growth) and a 751-row status-update sheet against
// 751 single POST .../status requests, all in one run against the real app (child process) on a private in-memory Azurite.
// Arguments: --app path/TwoZones.Functions.dll, --large N (default 10000), --runs N (default 5).
var inv = CultureInfo.InvariantCulture;
var appDll = "/tmp/bench/bin/TwoZones.Functions/release/TwoZones.Functions.dll";
var large = 10_000;
var runs = 5;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--app": appDll = args[++i]; break;
        case "--large": large = int.Parse(args[++i], inv); break;
        case "--runs": runs = int.Parse(args[++i], inv); break;
        default: Console.Error.WriteLine($"Unknown argument {args[i]}: use --app, --large, --runs."); return 2;
    }
}

void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
var startedAt = DateTimeOffset.UtcNow;
await using var app = await BenchApp.StartAsync(appDll, Log);
var worker = WorkerMemory.Find(Environment.ProcessId);
using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{app.Host.Port}/"), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("x-functions-key", DemoKeys.Coordinator);

var sampleJson = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "data", "catalogue.sample.json"));
var sample = CatalogueJson.Parse(sampleJson);
var (imported, _) = await app.Api.ImportAsync(sampleJson, TimeSpan.FromMinutes(10));
Log($"sample ({sample.Items.Count()} items) imported in {imported.TotalSeconds:F1} s; waiting for the trackers to settle");
await ChildCpu.WaitUntilQuietAsync(0.3, TimeSpan.FromMinutes(5));

var rows = new List<string>();
async Task ExportAsync(int items, string format)
{
    var times = new List<double>();
    var peaks = new List<double>();
    long bytes = 0;
    for (var run = 0; run < runs; run++)
    {
        GC.Collect();
        var before = worker.ResidentBytes();
        worker.ResetPeak();
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync($"api/export?format={format}");
        var body = await response.Content.ReadAsByteArrayAsync();
        clock.Stop();
        response.EnsureSuccessStatusCode();
        bytes = body.Length;
        times.Add(clock.Elapsed.TotalMilliseconds);
        peaks.Add((worker.PeakBytes() - before) / 1048576.0);
    }

    times.Sort();
    peaks.Sort();
    rows.Add($"| export {items:N0} items, {format} ({bytes / 1024.0:N0} KiB) | {times[times.Count / 2]:F0} ms | {times[^1]:F0} ms | {peaks[peaks.Count / 2]:F1} MiB | {peaks[^1]:F1} MiB |");
    Log(rows[^1]);
}

await ExportAsync(sample.Items.Count(), "csv");
await ExportAsync(sample.Items.Count(), "xlsx");

// 751 status changes both ways: the sample's items one request each (sequentially, as a script would, and 16 at a time), then the same
// number of other items as one sheet. Every change is Proposed → Commenced, through the same path.
// The extra items are written straight to storage, as the import does but without starting a tracker per item: 10,000 tracker
// orchestrations would keep this machine busy for many minutes and disturb every figure after them. The updates still signal trackers.
var (extended, added) = GeneratedCatalogue.Extend(sample, Math.Max(large, (sample.Items.Count() * 3) + 10));
var repository = new ItemRepository(new TwoZonesTables(new TableServiceClient(app.Azurite.ConnectionString)), TimeProvider.System);
var written = Stopwatch.StartNew();
await repository.ImportAsync(added, "bench", CancellationToken.None);
Log($"extended to {extended.Items.Count():N0} items in {written.Elapsed.TotalSeconds:F1} s (straight to storage)");
await ChildCpu.WaitUntilQuietAsync(0.3, TimeSpan.FromMinutes(5));

var n = 751;
var singles = added.Take(n).Select(i => i.Id).ToList();
var concurrent = added.Skip(n).Take(n).Select(i => i.Id).ToList();
var sheet = added.Skip(2 * n).Take(n).Select(i => i.Id).ToList();
var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", inv);

async Task PostOneAsync(string id)
{
    using var content = new StringContent($"{{\"status\":\"Commenced\",\"effectiveDate\":\"{today}\"}}", Encoding.UTF8, "application/json");
    using var response = await http.PostAsync($"api/measures/{id}/status", content);
    response.EnsureSuccessStatusCode();
}

var sequential = Stopwatch.StartNew();
foreach (var id in singles)
{
    await PostOneAsync(id);
}

sequential.Stop();
Log($"{n} single requests, one at a time: {sequential.Elapsed.TotalSeconds:F2} s");
var parallel = Stopwatch.StartNew();
await Parallel.ForEachAsync(concurrent, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) => await PostOneAsync(id));
parallel.Stop();
Log($"{n} single requests, 16 at a time: {parallel.Elapsed.TotalSeconds:F2} s");

var csv = new StringBuilder("id,status,effectiveDate\r\n");
foreach (var id in sheet)
{
    csv.Append(id).Append(",Commenced,").Append(today).Append("\r\n");
}

var bulk = Stopwatch.StartNew();
using (var content = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())))
{
    content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
    using var response = await http.PostAsync("api/status-updates", content);
    var text = await response.Content.ReadAsStringAsync();
    response.EnsureSuccessStatusCode();
    if (!text.Contains($"\"applied\":{n},", StringComparison.Ordinal))
    {
        throw new InvalidOperationException($"The sheet was not applied whole: {text[..Math.Min(400, text.Length)]}");
    }
}

bulk.Stop();
Log($"one {n}-row sheet: {bulk.Elapsed.TotalSeconds:F2} s");

await ChildCpu.WaitUntilQuietAsync(0.3, TimeSpan.FromMinutes(5));
await ExportAsync(extended.Items.Count(), "csv");
await ExportAsync(extended.Items.Count(), "xlsx");

Console.WriteLine($"Run {startedAt:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load at start {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; {runs} runs per export.");
Console.WriteLine();
Console.WriteLine("| export over HTTP (GET /api/export) | median | slowest | worker peak RSS growth, median | largest |");
Console.WriteLine("|---|---|---|---|---|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"| {n} status changes (Proposed → Commenced) | time | per change | vs. the sheet |");
Console.WriteLine("|---|---|---|---|");
Console.WriteLine($"| one sheet, POST /api/status-updates | {bulk.Elapsed.TotalSeconds:F2} s | {bulk.Elapsed.TotalMilliseconds / n:F1} ms | 1.0× |");
Console.WriteLine($"| {n} × POST .../status, one at a time | {sequential.Elapsed.TotalSeconds:F2} s | {sequential.Elapsed.TotalMilliseconds / n:F1} ms | {sequential.Elapsed / bulk.Elapsed:F1}× slower |");
Console.WriteLine($"| {n} × POST .../status, 16 at a time | {parallel.Elapsed.TotalSeconds:F2} s | {parallel.Elapsed.TotalMilliseconds / n:F1} ms | {parallel.Elapsed / bulk.Elapsed:F1}× slower |");
return 0;
