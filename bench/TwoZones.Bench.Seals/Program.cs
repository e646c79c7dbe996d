using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Seals;
using TwoZones.Storage;
using TwoZones.Storage.History;
using TwoZones.Storage.Seals;
using TwoZones.Testing;

// As-of progress, seals and verification against a private Azurite, at the programme's size and at 10,000 items. Baseline: a raw
// query of every row of the items table through Azure.Data.Tables, measured in the same run.
var sizes = args.Length > 0 ? args[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray() : [751, 10_000];
await using var azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
var service = new TableServiceClient(azurite.ConnectionString);
var rows = new List<string>();
var agencies = new[] { new Agency("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局") };
var programmes = Enumerable.Range(1, 10).Select(i => new Programme($"P{i:00}", $"Programme {i}", $"专项 {i}", "BMCB")).ToArray();

foreach (var size in sizes)
{
    var tables = new TwoZonesTables(service, "b" + size.ToString(CultureInfo.InvariantCulture));
    await tables.EnsureCreatedAsync(default);
    var catalogue = new CatalogueRepository(tables);
    await catalogue.SaveMetadataAsync(agencies, programmes, default);
    await new ItemRepository(tables, TimeProvider.System).ImportAsync([.. Enumerable.Range(1, size).Select(Item)], "bench", default);
    var reader = new HistoryReader(tables);

    var raw = await MedianAsync(3, async () =>
    {
        var n = 0;
        await foreach (var _ in tables.Items.QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            n++;
        }
    });

    // Cold: a new process's first as-of request reads the whole history.
    var cold = await MedianAsync(3, async () => await new AsOfProgressCache(reader, catalogue, TimeProvider.System).GetAsync(new DateOnly(2024, 8, 21), null, default));

    // Warm: the history in memory; each request asks for another day (nothing cached for it), and a request that finds the copy older
    // than a second first reads what changed since.
    var cache = new AsOfProgressCache(reader, catalogue, TimeProvider.System);
    var check = await cache.GetAsync(new DateOnly(2024, 8, 21), null, default);
    if (check.Report.Total != size)
    {
        throw new InvalidOperationException($"as-of counted {check.Report.Total} of {size}");
    }

    var warm = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var day = new DateOnly(2023, 1, 1).AddDays(i * 4);
        var clock = Stopwatch.StartNew();
        await cache.GetAsync(day, null, default);
        warm.Add(clock.Elapsed.TotalMilliseconds);
    }

    warm.Sort();
    var repeated = await MedianAsync(50, async () => await cache.GetAsync(new DateOnly(2024, 8, 21), null, default));

    var seals = new SealRepository(tables, reader, TimeProvider.System);
    var seal = await MedianAsync(5, async () => await seals.AppendAsync("bench", null, default));
    var heads = await reader.ReadHeadsAsync(default);
    var merkle = await MedianAsync(5, () =>
    {
        MerkleTree.Root(MerkleTree.CanonicalOrder(heads));
        return Task.CompletedTask;
    });
    var auditor = new HistoryAuditor(reader, seals, TimeProvider.System);
    var latest = (await seals.GetLatestAsync(default))!;
    var verification = await auditor.VerifyAsync(latest, default);
    if (!verification.Consistent || verification.ItemsMatching != size)
    {
        throw new InvalidOperationException($"verify: {verification.ItemsMatching} of {size} match");
    }

    var verify = await MedianAsync(3, async () => await auditor.VerifyAsync(latest, default));
    var export = await MedianAsync(3, async () => await auditor.ExportAsync(default));

    string Ms(double ms) => ms.ToString(ms < 10 ? "F2" : "F0", CultureInfo.InvariantCulture);
    string Ratio(double ms) => (ms / raw).ToString("F2", CultureInfo.InvariantCulture);
    var n = size.ToString("N0", CultureInfo.InvariantCulture);
    rows.Add($"| {n} | raw query of every row (baseline) | {Ms(raw)} | 1.00 |");
    rows.Add($"| {n} | as-of progress, cold (new cache: whole history read) | {Ms(cold)} | {Ratio(cold)} |");
    rows.Add($"| {n} | as-of progress, warm, another day each time: p50 / p95 / max | {Ms(warm[warm.Count / 2])} / {Ms(warm[warm.Count * 95 / 100])} / {Ms(warm[^1])} | {Ratio(warm[warm.Count / 2])} |");
    rows.Add($"| {n} | as-of progress, warm, same day again | {Ms(repeated)} | {Ratio(repeated)} |");
    rows.Add($"| {n} | seal (read heads, Merkle root, store heads and seal) | {Ms(seal)} | {Ratio(seal)} |");
    rows.Add($"| {n} | of which the Merkle root over the heads | {Ms(merkle)} | {Ratio(merkle)} |");
    rows.Add($"| {n} | verify against the latest seal | {Ms(verify)} | {Ratio(verify)} |");
    rows.Add($"| {n} | export (history and seals) | {Ms(export)} | {Ratio(export)} |");
}

Console.WriteLine($"Azurite (in memory), {Environment.ProcessorCount} cores; medians unless stated; ratio = time / baseline of the same size");
Console.WriteLine();
Console.WriteLine("| items | operation | ms | ratio to raw |");
Console.WriteLine("|---:|---|---:|---:|");
rows.ForEach(Console.WriteLine);

static async Task<double> MedianAsync(int runs, Func<Task> operation)
{
    var timings = new List<double>(runs);
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        await operation();
        timings.Add(clock.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    return timings[timings.Count / 2];
}

// A third each Proposed, Commenced (one history entry) and Completed (two), commencements spread over 2023–2024.
static CatalogueItem Item(int i)
{
    var status = (i % 3) switch { 0 => ItemStatus.Proposed, 1 => ItemStatus.Commenced, _ => ItemStatus.Completed };
    var commenced = new DateOnly(2023, 1, 1).AddDays(i % 700);
    return new()
    {
        Id = $"T{i:D5}",
        Kind = ItemKind.Task,
        Programme = $"P{(i % 10) + 1:00}",
        TitleEn = "Bench " + i.ToString(CultureInfo.InvariantCulture),
        TitleZh = "基准 " + i.ToString(CultureInfo.InvariantCulture),
        LeadAgency = "BMCB",
        District = i % 4 == 0 ? "Chaoyang" : null,
        PlannedCommencement = new DateOnly(2024, 1, 1),
        PlannedCompletion = new DateOnly(2026, 1, 1),
        Status = status,
        CommencedOn = status == ItemStatus.Proposed ? null : commenced,
        CompletedOn = status == ItemStatus.Completed ? commenced.AddDays(200) : null,
    };
}
