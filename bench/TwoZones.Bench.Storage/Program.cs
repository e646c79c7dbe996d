using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage;
using TwoZones.Testing;

// Storage throughput against a private Azurite: raw entity-group transactions vs ApplyTransitionAsync, and projection reads.
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3.0;
var window = TimeSpan.FromSeconds(seconds);
await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
var service = new TableServiceClient(azurite.ConnectionString);
var rows = new List<string[]>();
var coordinator = new Actor("bench", "Bench", Role.Coordinator, null);

foreach (var workers in new[] { 1, 4, 16 })
{
    var tables = new TwoZonesTables(service, "raw" + workers);
    await tables.EnsureCreatedAsync(default);
    var rate = await MeasureAsync(workers, window, async (worker, n) =>
    {
        var partition = "W" + worker.ToString(CultureInfo.InvariantCulture);
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "state") { ["N"] = n }),
            new(TableTransactionActionType.Add, new TableEntity(partition, "h-" + n.ToString("D9", CultureInfo.InvariantCulture)) { ["N"] = n }),
        ];
        await tables.Items.SubmitTransactionAsync(actions);
    });
    rows.Add(["raw transaction (2 ops)", workers.ToString(CultureInfo.InvariantCulture), rate.ToString("F0", CultureInfo.InvariantCulture)]);
}

// "remembered": one repository, which wrote each item's row last and so builds the next transition on it without reading.
// "read first": a new repository per call, as if another app instance had changed the item: it reads the state and idempotency rows.
foreach (var remembered in new[] { true, false })
{
    foreach (var workers in new[] { 1, 4, 16 })
    {
        var tables = new TwoZonesTables(service, (remembered ? "mem" : "cold") + workers);
        await tables.EnsureCreatedAsync(default);
        var shared = new ItemRepository(tables, TimeProvider.System);
        var ids = Enumerable.Range(1, workers).Select(i => $"T{i:D3}").ToArray();
        await shared.ImportAsync(ids.Select(id => Item(id)).ToList(), "bench", default);
        var today = TwoZones.Core.Time.ShanghaiClock.Today(DateTimeOffset.UtcNow);
        ItemStatus[] cycle = [ItemStatus.Commenced, ItemStatus.Completed, ItemStatus.Commenced];
        var rate = await MeasureAsync(workers, window, async (worker, n) =>
        {
            // Commenced → Completed → (reopen) Commenced → … is valid forever for a coordinator.
            var to = n == 0 ? ItemStatus.Commenced : cycle[1 + ((n - 1) % 2)];
            var request = new TransitionRequest(to, today, "bench " + n.ToString(CultureInfo.InvariantCulture), null);
            var repository = remembered ? shared : new ItemRepository(tables, TimeProvider.System);
            var result = await repository.ApplyTransitionAsync(ItemKind.Task, ids[worker], coordinator, request, null, Guid.NewGuid().ToString("N"), default);
            if (result.Outcome != TransitionResultKind.Applied)
            {
                throw new InvalidOperationException($"{ids[worker]} #{n}: {result.Outcome} {result.Decision?.Message}");
            }
        });
        var label = remembered
            ? "ApplyTransitionAsync with Idempotency-Key, row remembered (3-op transaction only)"
            : "ApplyTransitionAsync with Idempotency-Key, read first (2 point reads + 3-op transaction)";
        rows.Add([label, workers.ToString(CultureInfo.InvariantCulture), rate.ToString("F0", CultureInfo.InvariantCulture)]);
    }
}

var reads = new List<string[]>();
foreach (var count in new[] { 751, 7_500 })
{
    var tables = new TwoZonesTables(service, "snap" + count.ToString(CultureInfo.InvariantCulture));
    await tables.EnsureCreatedAsync(default);
    var repository = new ItemRepository(tables, TimeProvider.System);
    var items = Enumerable.Range(1, count).Select(i => Item($"T{i:D5}", (ItemStatus)(i % 3))).ToList();
    var import = Stopwatch.StartNew();
    await repository.ImportAsync(items, "bench", default);
    import.Stop();
    var timings = new List<double>();
    for (var i = 0; i < 5; i++)
    {
        var read = Stopwatch.StartNew();
        var snapshots = await repository.ReadSnapshotsAsync(null, default);
        read.Stop();
        if (snapshots.Count != count)
        {
            throw new InvalidOperationException($"read {snapshots.Count} of {count}");
        }

        timings.Add(read.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    reads.Add([count.ToString("N0", CultureInfo.InvariantCulture), timings[timings.Count / 2].ToString("F0", CultureInfo.InvariantCulture),
        import.Elapsed.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture)]);
}

Console.WriteLine($"Azurite (in memory), {Environment.ProcessorCount} cores, {seconds:0.#} s per measurement");
Console.WriteLine();
Console.WriteLine("| operation | concurrency | per second |");
Console.WriteLine("|---|---:|---:|");
rows.ForEach(r => Console.WriteLine($"| {r[0]} | {r[1]} | {r[2]} |"));
Console.WriteLine();
Console.WriteLine("| items | ReadSnapshotsAsync median ms (5 runs) | ImportAsync ms |");
Console.WriteLine("|---:|---:|---:|");
reads.ForEach(r => Console.WriteLine($"| {r[0]} | {r[1]} | {r[2]} |"));

static CatalogueItem Item(string id, ItemStatus status = ItemStatus.Proposed) => new()
{
    Id = id,
    Kind = ItemKind.Task,
    Programme = "P01",
    TitleEn = "Bench " + id,
    TitleZh = "基准 " + id,
    LeadAgency = "BMCB",
    PlannedCommencement = new DateOnly(2026, 1, 1),
    PlannedCompletion = new DateOnly(2027, 1, 1),
    Status = status,
    CommencedOn = status == ItemStatus.Proposed ? null : new DateOnly(2025, 1, 1),
    CompletedOn = status == ItemStatus.Completed ? new DateOnly(2025, 6, 1) : null,
};

static async Task<double> MeasureAsync(int workers, TimeSpan window, Func<int, int, Task> operation)
{
    var count = 0L;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
    {
        for (var n = 0; clock.Elapsed < window; n++)
        {
            await operation(worker, n);
            Interlocked.Increment(ref count);
        }
    }));
    clock.Stop();
    return count / clock.Elapsed.TotalSeconds;
}
