using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Seals;
using TwoZones.Storage.History;
using TwoZones.Storage.Seals;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public class SealRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Two_hosts_sealing_at_once_never_fork_the_chain_and_one_occurrence_seals_once()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.Items.ImportAsync([NewTask("T001"), NewTask("T002", status: ItemStatus.Commenced)], "import", default);

        // Two hosts: each its own repositories over the same tables.
        var hostA = new SealRepository(ctx.Tables, new HistoryReader(ctx.Tables), ctx.Clock);
        var hostB = new SealRepository(ctx.Tables, new HistoryReader(ctx.Tables), ctx.Clock);

        var sameOccurrence = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            (i % 2 == 0 ? hostA : hostB).AppendAsync("schedule", "schedule 2026-11-23T16:00:00Z", default)));
        Assert.Single(sameOccurrence.Select(s => s.Hash).Distinct());
        Assert.Single(await hostA.ListAsync(100, default));

        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? hostA : hostB).AppendAsync("request", null, default)));
        var all = await hostB.ListAllAsync(default);
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(s => s.Seq));
        Assert.Null(SealChain.VerifyChain(all));
        Assert.Equal(racing.Select(s => s.Seq).Order(), [2L, 3, 4, 5]);

        // The heads are stored once per root and reproduce it.
        var latest = (await hostA.GetLatestAsync(default))!;
        var heads = await hostA.GetHeadsAsync(latest, default);
        Assert.Equal(["T001", "T002"], heads.Select(h => h.ItemId));
        Assert.Equal([0, 1], heads.Select(h => h.Seq));
        Assert.Null(SealChain.Problem(latest, heads));
        Assert.Equal(latest, await hostA.GetAsync(latest.Seq, default));
        Assert.Null(await hostA.GetAsync(99, default));
    }

    [Fact]
    public async Task Heads_of_many_items_span_several_chunks_and_still_reproduce_the_root()
    {
        var ctx = await CreateAsync(azurite.ConnectionString);
        await ctx.Items.ImportAsync([.. Enumerable.Range(1, 1200).Select(i => NewTask($"T{i:D4}", status: i % 2 == 0 ? ItemStatus.Commenced : ItemStatus.Proposed))], "import", default);
        await ctx.Items.ApplyTransitionAsync(ItemKind.Task, "T0002", Coordinator, new TransitionRequest(ItemStatus.Completed, Today, null, null), null, null, default);
        var seals = new SealRepository(ctx.Tables, new HistoryReader(ctx.Tables), ctx.Clock);

        var seal = await seals.AppendAsync("request", null, default);
        var heads = await seals.GetHeadsAsync(seal, default);

        Assert.Equal(1200, seal.ItemCount);
        Assert.Null(SealChain.Problem(seal, heads));
        Assert.Equal(new ChainHead("T0002", 2, heads.Single(h => h.ItemId == "T0002").Hash), heads.Single(h => h.ItemId == "T0002"));
        var chunks = 0;
        await foreach (var _ in ctx.Tables.Seals.QueryAsync<Azure.Data.Tables.TableEntity>(Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {"heads|" + seal.Root}")))
        {
            chunks++;
        }

        Assert.True(chunks > 1, $"{chunks} chunk(s)");
    }
}
