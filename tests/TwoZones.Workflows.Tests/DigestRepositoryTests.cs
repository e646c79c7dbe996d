using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage;
using TwoZones.Storage.Digests;
using TwoZones.Testing;

namespace TwoZones.Workflows.Tests;

public sealed class DigestRepositoryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset GeneratedAt = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_digest_larger_than_a_table_property_round_trips_with_all_renderings()
    {
        var repository = new DigestRepository(new TwoZonesTables(new TableServiceClient(azurite.ConnectionString), "Large"));
        var digest = Compose("2026-W48", movements: 3000);

        var stored = await repository.SaveAsync(RenderedDigest.Of(digest), "digest-2026-W48", GeneratedAt);
        var read = await repository.GetAsync("2026-W48");

        Assert.NotNull(read);
        Assert.True(read.Html(DigestLanguage.Zh).Length > 3 * DigestRepository.ChunkLength, "The test digest should span several rows.");
        Assert.Equal(DigestRenderer.ToHtml(digest, DigestLanguage.Zh), read.Html(DigestLanguage.Zh));
        Assert.Equal(DigestRenderer.ToHtml(digest, DigestLanguage.En), read.Html(DigestLanguage.En));
        Assert.Equal(DigestRenderer.ToMarkdown(digest, DigestLanguage.Zh), read.Markdown(DigestLanguage.Zh));
        Assert.Equal(DigestRenderer.ToMarkdown(digest, DigestLanguage.En), read.Markdown(DigestLanguage.En));
        Assert.Equal(DigestJson.Serialize(digest), read.Json);
        Assert.Equal(DigestJson.Serialize(digest), DigestJson.Serialize(read.Digest));
        Assert.Equal(stored.Json, read.Json);
        Assert.Equal("digest-2026-W48", read.InstanceId);
        Assert.Equal(DigestDelivery.None, read.Delivery);
    }

    [Fact]
    public async Task Delivery_attempts_are_counted_and_survive_a_rebuild_of_the_same_week()
    {
        var tables = new TwoZonesTables(new TableServiceClient(azurite.ConnectionString), "Delivery");
        var repository = new DigestRepository(tables);
        await repository.SaveAsync(RenderedDigest.Of(Compose("2026-W47", movements: 10)), "digest-2026-W47", GeneratedAt);

        var failed = await repository.RecordDeliveryAttemptAsync("2026-W47", GeneratedAt.AddMinutes(1), "The webhook answered 500.");
        Assert.False(failed.Delivered);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("The webhook answered 500.", failed.LastError);

        var delivered = await repository.RecordDeliveryAttemptAsync("2026-W47", GeneratedAt.AddMinutes(2), null);
        Assert.True(delivered.Delivered);
        Assert.Equal(2, delivered.Attempts);
        Assert.Null(delivered.LastError);
        Assert.Equal(GeneratedAt.AddMinutes(2), delivered.DeliveredAt);

        // Rebuilding the week replaces the content and keeps the delivery state; the old content rows and the staged sections are removed.
        await new DigestSectionStaging(tables).StageSectionAsync("2026-W47", "run1", "P01", "staged");
        var rebuilt = await repository.SaveAsync(RenderedDigest.Of(Compose("2026-W47", movements: 2000)), "digest-2026-W47", GeneratedAt.AddHours(1));
        Assert.Equal(delivered, rebuilt.Delivery);
        Assert.Equal(2000, rebuilt.Digest.Moved.Count);

        var rows = 0;
        await foreach (var row in tables.Digests.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"2026-W47"}")))
        {
            _ = row;
            rows++;
        }

        var expectedRows = 1 + rebuilt.Documents.Values.Sum(text => Math.Max(1, (text.Length + DigestRepository.ChunkLength - 1) / DigestRepository.ChunkLength));
        Assert.Equal(expectedRows, rows);
    }

    [Fact]
    public async Task The_latest_digest_is_the_most_recent_week_and_unknown_weeks_have_none()
    {
        var repository = new DigestRepository(new TwoZonesTables(new TableServiceClient(azurite.ConnectionString), "Latest"));
        Assert.Null(await repository.GetLatestAsync());

        foreach (var week in new[] { "2026-W09", "2026-W52", "2026-W10" })
        {
            await repository.SaveAsync(RenderedDigest.Of(Compose(week, movements: 1)), "digest-" + week, GeneratedAt);
        }

        Assert.Equal(["2026-W09", "2026-W10", "2026-W52"], await repository.ListWeeksAsync());
        Assert.Equal("2026-W52", (await repository.GetLatestAsync())!.Week);
        Assert.Null(await repository.GetAsync("2025-W52"));
        await Assert.ThrowsAsync<FormatException>(() => repository.GetAsync("2026-52"));
    }

    [Fact]
    public async Task Staged_sections_of_one_build_are_read_back_whole_and_apart_from_other_builds()
    {
        var repository = new DigestSectionStaging(new TwoZonesTables(new TableServiceClient(azurite.ConnectionString), "Staging"));
        var big = string.Concat(Enumerable.Repeat("北京两区 section text ", 9000));
        await repository.StageSectionAsync("2026-W48", "run1", "P01", big);
        await repository.StageSectionAsync("2026-W48", "run1", "P02", "small");
        await repository.StageSectionAsync("2026-W48", "run2", "P01", "other build");

        var sections = await repository.ReadSectionsAsync("2026-W48", "run1");

        Assert.Equal(["P01", "P02"], sections.Keys);
        Assert.Equal(big, sections["P01"]);
        Assert.Equal("small", sections["P02"]);
        Assert.Equal("other build", (await repository.ReadSectionsAsync("2026-W48", "run2"))["P01"]);
        await Assert.ThrowsAsync<ArgumentException>(() => repository.StageSectionAsync("2026-W48", "run-1", "P01", "x"));
    }

    private static Digest Compose(string week, int movements)
    {
        var programmes = new List<Programme> { new("P01", "Science and technology", "科技创新", "BMCB") };
        var agencies = new List<Agency> { new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局") };
        var items = Enumerable.Range(1, 40)
            .Select(i => new ItemSnapshot($"T{i:D3}", ItemKind.Task, "P01", "BMCB", null, (ItemStatus)(i % 3), new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1)))
            .ToList();
        var id = IsoWeekId.Parse(week);
        var current = ProgressCalculator.Compute(items, programmes, agencies, id.Start, GeneratedAt);
        var recordedAt = new DateTimeOffset(id.Start.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        var moved = Enumerable.Range(1, movements)
            .Select(i => new DigestMovement(
                $"P01-M{i:D4}", ItemKind.Measure, "P01", $"Measure number {i} on opening up services", $"第{i}项服务业扩大开放措施（“两区”）",
                ItemStatus.Proposed, ItemStatus.Commenced, id.Start, recordedAt.AddSeconds(i), "official-" + i))
            .ToList();
        var overdue = new List<OverdueItem> { new("T001", ItemKind.Task, "P01", "Late <task> & co", "逾期事项", "BMCB", ItemStatus.Commenced, new DateOnly(2025, 1, 1)) };
        return DigestComposer.Compose(week, GeneratedAt, current, null, moved, overdue);
    }
}
