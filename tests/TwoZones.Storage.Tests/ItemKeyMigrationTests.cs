using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Lifecycle;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

/// <summary>Items stored under the first row-key layout (<c>state</c>, <c>h-000001</c>) are moved at start and read as before.</summary>
public class ItemKeyMigrationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Items_in_the_first_layout_are_moved_with_their_history_intact_and_stay_usable()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.SeedAsync(NewTask("T021"), NewTask("T022"));
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T021", Coordinator, To(ItemStatus.Commenced), null, null, default);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T021", Coordinator, To(ItemStatus.Completed), null, null, default);
        var before = (await ctx.Items.GetHistoryAsync(ItemKind.Task, "T021", default))!.Entries;

        // Rewrite both items as the first layout stored them.
        foreach (var id in new[] { "T021", "T022" })
        {
            foreach (var row in await ctx.RowsAsync(id))
            {
                var legacyKey = row.RowKey.StartsWith("idem-", StringComparison.Ordinal) ? row.RowKey : row.RowKey.Split('|')[0];
                var legacy = new TableEntity(id, legacyKey);
                foreach (var (name, value) in row.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
                {
                    legacy[name] = value;
                }

                await ctx.Tables.Items.DeleteEntityAsync(id, row.RowKey, ETag.All);
                await ctx.Tables.Items.UpsertEntityAsync(legacy, TableUpdateMode.Replace);
            }
        }

        Assert.Null(await ctx.Items.GetAsync(ItemKind.Task, "T021", default));

        await ctx.Tables.EnsureCreatedAsync(default);

        Assert.Equal(["h-000001|T021", "h-000002|T021", "state|T021"], (await ctx.RowsAsync("T021")).Select(r => r.RowKey).Order());
        Assert.Equal(["state|T022"], (await ctx.RowsAsync("T022")).Select(r => r.RowKey));
        var history = (await ctx.Items.GetHistoryAsync(ItemKind.Task, "T021", default))!;
        Assert.True(history.Verification.IsValid);
        Assert.Equal(before, history.Entries);
        Assert.Equal(ItemStatus.Completed, (await ctx.Items.GetAsync(ItemKind.Task, "T021", default))!.Status);
        var moved = await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T022", Coordinator, To(ItemStatus.Commenced), null, null, default);
        Assert.Equal(TransitionResultKind.Applied, moved.Outcome);
        Assert.Equal(2, (await ctx.Items.ReadSnapshotsAsync(null, default)).Count);
    }
}
