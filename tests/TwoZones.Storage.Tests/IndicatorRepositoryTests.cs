using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Indicators;
using TwoZones.Storage.Indicators;
using TwoZones.Testing;
using static TwoZones.Storage.Tests.StorageContext;

namespace TwoZones.Storage.Tests;

public sealed class IndicatorRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Indicator Added = new("2026-ADDED", 2026, "Added", "新增", IndicatorUnit.Count, 800, "BMCB", Source: "test");

    private async Task<(IndicatorRepository Repository, TableClient Table)> NewAsync()
    {
        var prefix = "t" + Guid.NewGuid().ToString("N")[..12];
        var client = Client(azurite.ConnectionString);
        var repository = new IndicatorRepository(client, new ManualClock(Now), prefix);
        await repository.EnsureCreatedAsync(default);
        return (repository, client.GetTableClient(prefix + "Indicators"));
    }

    [Fact]
    public async Task An_import_creates_each_indicator_with_its_earlier_actuals_chained_and_a_second_import_changes_nothing()
    {
        var (repository, _) = await NewAsync();
        var imports = new[] { new IndicatorImport(Added, [new ActualRequest("2026-Q1", 100, "q1", null), new ActualRequest("2026-Q2", 250, null, null)]) };

        Assert.Equal(new ImportResult(1, 0), await repository.ImportAsync(imports, "import-test", default));
        Assert.Equal(new ImportResult(0, 1), await repository.ImportAsync(imports, "import-test", default));

        var record = Assert.Single(await repository.ListAsync(default));
        Assert.Equal(Added, record.Definition);
        Assert.Equal(2, record.HistoryLength);
        Assert.Equal(new PeriodValue(250, 2), record.Periods["2026-Q2"]);
        var history = await repository.GetHistoryAsync(Added.Id, default);
        Assert.True(history!.Verification.IsValid, history.Verification.Reason);
        Assert.Equal(["2026-Q1", "2026-Q2"], history.Entries.Select(e => e.Period));
    }

    [Fact]
    public async Task Concurrent_reports_all_commit_one_after_another_and_concurrent_retries_of_one_key_commit_once()
    {
        var (repository, _) = await NewAsync();
        await repository.ImportAsync([new IndicatorImport(Added, [])], "import-test", default);

        var distinct = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            repository.RecordActualAsync(Added.Id, CommerceOfficial, new ActualRequest("2026-Q1", i, null, null), null, default)));
        Assert.All(distinct, r => Assert.Equal(TransitionResultKind.Applied, r.Outcome));

        var retries = await Task.WhenAll(Enumerable.Range(1, 6).Select(_ =>
            repository.RecordActualAsync(Added.Id, CommerceOfficial, new ActualRequest("2026-Q2", 42, null, null), "same-key", default)));
        Assert.Single(retries, r => r.Outcome == TransitionResultKind.Applied);
        Assert.All(retries, r => Assert.Contains(r.Outcome, new[] { TransitionResultKind.Applied, TransitionResultKind.Replayed }));

        var history = await repository.GetHistoryAsync(Added.Id, default);
        Assert.True(history!.Verification.IsValid, history.Verification.Reason);
        Assert.Equal(Enumerable.Range(1, 7), history.Entries.Select(e => e.Seq));
        Assert.Single(history.Entries, e => e.Period == "2026-Q2");
        var record = await repository.GetAsync(Added.Id, default);
        Assert.Equal(42m, record!.Periods["2026-Q2"].Value);
    }

    [Fact]
    public async Task A_refused_report_writes_nothing()
    {
        var (repository, table) = await NewAsync();
        await repository.ImportAsync([new IndicatorImport(Added, [])], "import-test", default);

        var forbidden = await repository.RecordActualAsync(Added.Id, OtherOfficial, new ActualRequest("2026", 1, null, null), "k1", default);
        var invalid = await repository.RecordActualAsync(Added.Id, CommerceOfficial, new ActualRequest("2025", 1, null, null), "k2", default);
        var missing = await repository.RecordActualAsync("2026-NONE", CommerceOfficial, new ActualRequest("2026", 1, null, null), null, default);

        Assert.Equal(TransitionResultKind.Forbidden, forbidden.Outcome);
        Assert.Equal(TransitionResultKind.Invalid, invalid.Outcome);
        Assert.Equal(TransitionResultKind.NotFound, missing.Outcome);
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        Assert.Equal(["state"], rows.Select(r => r.RowKey));
    }

    [Fact]
    public async Task An_edited_history_row_breaks_the_chain_even_when_the_state_row_is_left_alone()
    {
        var (repository, table) = await NewAsync();
        await repository.ImportAsync([new IndicatorImport(Added, [new ActualRequest("2026-Q1", 100, null, null)])], "import-test", default);
        await repository.RecordActualAsync(Added.Id, CommerceOfficial, new ActualRequest("2026-Q2", 300, null, null), null, default);

        var row = (await table.GetEntityAsync<TableEntity>(Added.Id, "h-000001")).Value;
        row["Value"] = "1000";
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var history = await repository.GetHistoryAsync(Added.Id, default);
        Assert.False(history!.Verification.IsValid);
        Assert.Equal(1, history.Verification.FirstBrokenSeq);

        await table.DeleteEntityAsync(Added.Id, "h-000002");
        var truncated = await repository.GetHistoryAsync(Added.Id, default);
        Assert.False(truncated!.Verification.IsValid);
    }
}
