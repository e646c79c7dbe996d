using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Tracking;
using TwoZones.Storage;
using TwoZones.Testing;

namespace TwoZones.Orchestrations.Tests;

/// <summary>
/// The reconciler over real tables on a private Azurite, with trackers on the official engine in this process. (A deaf tracker,
/// which needs the Azure Storage provider's tables, is tested end to end in the workflow tests.)
/// </summary>
public sealed class TrackerReconcilerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private AzuriteInstance _azurite = null!;
    private ItemRepository _items = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
        var tables = new TwoZonesTables(new TableServiceClient(_azurite.ConnectionString), "r" + Guid.NewGuid().ToString("N")[..10]);
        await tables.EnsureCreatedAsync(CancellationToken.None);
        _items = new ItemRepository(tables, new FakeTimeProvider(Now));
        await _items.ImportAsync([Commenced("T077")], "test", CancellationToken.None);
    }

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task A_tracker_that_answers_the_signal_is_left_alone()
    {
        var stage = ItemStatus.Proposed;
        var reads = new ItemReads(_ => new TrackerObservation(true, stage, false, null));
        await using var host = await AppOrchestrations.StartAsync(reads.Register);
        var client = new FunctionsHostClient(host.Client);
        Assert.True(await TrackerSignals.EnsureTrackerAsync(client, new TrackedItem(ItemKind.Task, "T077"), CancellationToken.None));
        await client.UntilAsync("T077", m => Status(m) is { Stage: ItemStatus.Proposed }, "the tracker's first round");
        stage = ItemStatus.Commenced;
        var reconciler = new TrackerReconciler(_items, new FakeTimeProvider(Now), NullLogger<TrackerReconciler>.Instance);

        Assert.Equal((1, 0, 1), await reconciler.ReconcileAsync(client, CancellationToken.None));
        await client.UntilAsync("T077", m => Status(m) is { Stage: ItemStatus.Commenced }, "the tracker's answer");

        // The next pass finds it in agreement: nothing signalled, nothing replaced (a replacement would read storage once more).
        Assert.Equal((1, 0, 0), await reconciler.ReconcileAsync(client, CancellationToken.None));
        Assert.Equal(2, reads.All.Count);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await client.GetInstanceAsync("T077"))!.RuntimeStatus);
    }

    private static CatalogueItem Commenced(string id) => new()
    {
        Id = id,
        Kind = ItemKind.Task,
        Programme = "P01",
        TitleEn = "Task " + id,
        TitleZh = "任务 " + id,
        LeadAgency = "BMCB",
        CoAgencies = [],
        District = "Chaoyang",
        PlannedCommencement = new DateOnly(2025, 1, 1),
        PlannedCompletion = new DateOnly(2027, 6, 30),
        Status = ItemStatus.Commenced,
        CommencedOn = new DateOnly(2025, 3, 1),
    };

    private static TrackerStatus? Status(OrchestrationMetadata instance) => instance.ReadCustomStatusAs<TrackerStatus>();
}
