using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Storage;

namespace TwoZones.Functions.Tests.Infrastructure;

/// <summary>
/// An app of its own (the seal tests edit and delete rows in its storage, which the other tests must not see) with <see cref="Catalogue"/> imported: 251 tasks whose
/// recorded dates reproduce the seeds' statements, and 10 measures, all Proposed.
/// </summary>
public sealed class SealedHistoryFixture : FunctionsAppFixture
{
    /// <summary>
    /// Tasks T001–T246 commenced between 2023-04-01 and 2024-08-05, T247–T249 on 2024-09-15, T250–T251 still Proposed; T001–T201
    /// completed on 2025-06-30. So 98.0% of the 251 tasks had commenced at the end of 2024-08-21, and 80.1% were completed on 2025-07-01.
    /// Every item is led by BMCB. Measures P01-M001…P01-M010, Proposed.
    /// </summary>
    public static Catalogue Catalogue()
    {
        var tasks = Enumerable.Range(1, 251).Select(i =>
        {
            var status = i <= 201 ? ItemStatus.Completed : i <= 249 ? ItemStatus.Commenced : ItemStatus.Proposed;
            return TestCatalogues.Item($"T{i:000}", ItemKind.Task, $"P{((i - 1) % 10) + 1:00}", "BMCB", status, new DateOnly(2099, 1, 1)) with
            {
                CommencedOn = status == ItemStatus.Proposed ? null : i <= 246 ? new DateOnly(2023, 4, 1).AddDays(2 * i) : new DateOnly(2024, 9, 15),
                CompletedOn = status == ItemStatus.Completed ? new DateOnly(2025, 6, 30) : null,
            };
        }).ToList();
        var measures = Enumerable.Range(1, 10)
            .Select(i => TestCatalogues.Item($"P01-M{i:000}", ItemKind.Measure, "P01", "BMCB", ItemStatus.Proposed, new DateOnly(2099, 1, 1)))
            .ToList();
        return new Catalogue(TestCatalogues.Agencies, TestCatalogues.Programmes(), tasks, measures);
    }

    /// <summary>
    /// Writes the catalogue into storage as an import does (items, their imported history, the metadata), without starting trackers:
    /// these tests need none, and starting 261 of them is what takes long on a busy machine.
    /// </summary>
    protected override async Task SeedAsync()
    {
        var catalogue = Catalogue();
        var tables = new TwoZonesTables(new TableServiceClient(Azurite.ConnectionString));
        await tables.EnsureCreatedAsync(CancellationToken.None);
        await new CatalogueRepository(tables).SaveMetadataAsync(catalogue.Agencies, catalogue.Programmes, CancellationToken.None);
        await new ItemRepository(tables, TimeProvider.System).ImportAsync([.. catalogue.Tasks, .. catalogue.Measures], "catalogue-import", CancellationToken.None);
        await WaitUntilAsync(async () => (await GetJsonAsync("api/progress")).GetProperty("total").GetInt32() == 261, TimeSpan.FromSeconds(30), "progress to count the seed");
    }
}
