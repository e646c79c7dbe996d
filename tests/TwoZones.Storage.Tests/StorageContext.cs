using Azure.Core;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage.Tests;

/// <summary>Fresh tables (own prefix) on a test class's private Azurite, with the repositories over them.</summary>
public sealed class StorageContext
{
    /// <summary>10:00 in Beijing on 2026-11-23.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static readonly Actor Coordinator = new("coord-1", "Coordinator", Role.Coordinator, null);
    public static readonly Actor CommerceOfficial = new("bmcb-1", "Commerce official", Role.Official, "BMCB");
    public static readonly Actor OtherOfficial = new("bmfb-1", "Finance official", Role.Official, "BMFB");

    private StorageContext(TwoZonesTables tables, ManualClock clock)
    {
        Tables = tables;
        Clock = clock;
        Items = new ItemRepository(tables, clock);
        Catalogue = new CatalogueRepository(tables, clock);
        Snapshots = new SnapshotRepository(tables);
    }

    public TwoZonesTables Tables { get; }
    public ManualClock Clock { get; }
    public ItemRepository Items { get; }
    public CatalogueRepository Catalogue { get; }
    public SnapshotRepository Snapshots { get; }

    public static TableServiceClient Client(string connectionString)
    {
        var options = new TableClientOptions();
        // Fail fast when the emulator is down; the default back-off would make the outage test slow.
        options.Retry.MaxRetries = 1;
        options.Retry.Delay = TimeSpan.FromMilliseconds(50);
        options.Retry.Mode = RetryMode.Fixed;
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(20);
        return new TableServiceClient(connectionString, options);
    }

    public static async Task<StorageContext> CreateAsync(string connectionString)
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var tables = new TwoZonesTables(Client(connectionString), prefix);
        await tables.EnsureCreatedAsync(CancellationToken.None);
        return new StorageContext(tables, new ManualClock(Now));
    }

    public static CatalogueItem NewTask(string id, string agency = "BMCB", string programme = "P01", ItemStatus status = ItemStatus.Proposed) => new()
    {
        Id = id,
        Kind = ItemKind.Task,
        Programme = programme,
        TitleEn = "Task " + id,
        TitleZh = "任务 " + id,
        LeadAgency = agency,
        CoAgencies = ["BMFB"],
        District = "Chaoyang",
        PlannedCommencement = new DateOnly(2026, 12, 1),
        PlannedCompletion = new DateOnly(2027, 6, 30),
        Status = status,
        CommencedOn = status == ItemStatus.Proposed ? null : new DateOnly(2025, 3, 1),
        CompletedOn = status == ItemStatus.Completed ? new DateOnly(2026, 5, 20) : null,
    };

    public static CatalogueItem NewMeasure(string id, string agency = "BMCB", string programme = "P03") =>
        NewTask(id, agency, programme) with { Kind = ItemKind.Measure, Tasks = ["T001"], TitleEn = "Measure " + id };

    public static TransitionRequest To(ItemStatus status, DateOnly? effective = null, string? note = "kick-off held") =>
        new(status, effective ?? Today, note, "https://example.org/evidence");

    public async Task<List<TableEntity>> RowsAsync(string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.Items.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    public Task<ImportResult> SeedAsync(params CatalogueItem[] items) => Items.ImportAsync(items, "import-test", CancellationToken.None);
}
