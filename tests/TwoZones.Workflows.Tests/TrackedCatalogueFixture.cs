using TwoZones.Core.Lifecycle;
using TwoZones.Storage;

namespace TwoZones.Workflows.Tests;

/// <summary>The app with the sample catalogue imported over HTTP (which starts a tracker per item); snapshots every 15 s.</summary>
public sealed class TrackedCatalogueFixture : IAsyncLifetime
{
    public const string SnapshotSchedule = "*/15 * * * * *";

    internal WorkflowApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await WorkflowApp.StartAsync(new Dictionary<string, string> { ["TwoZones__SnapshotSchedule"] = SnapshotSchedule });
        var json = await File.ReadAllTextAsync(Path.Combine(Testing.RepositoryRoot.Find(), "data", "catalogue.sample.json"));
        await App.ImportAsync(json);
    }

    public async Task DisposeAsync()
    {
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    internal async Task<List<ItemRecord>> AllItemsAsync()
    {
        var all = new List<ItemRecord>();
        foreach (var kind in new[] { ItemKind.Task, ItemKind.Measure })
        {
            string? token = null;
            do
            {
                var page = await App.Items.ListAsync(kind, ItemFilter.None, token, ItemRepository.MaxPageSize, CancellationToken.None);
                all.AddRange(page.Items);
                token = page.ContinuationToken;
            }
            while (token is not null);
        }

        return all;
    }
}
