using System.Diagnostics;
using System.Text.Json;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using Xunit.Abstractions;

namespace TwoZones.Core.Tests;

public class ProgressTests(ITestOutputHelper output)
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTimeOffset AsOf = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private static readonly Agency[] Agencies =
    [
        new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"),
        new("BMFB", "Beijing Municipal Finance Bureau", "北京市财政局"),
    ];

    private static readonly Programme[] Programmes =
        Enumerable.Range(1, 10).Select(i => new Programme($"P{i:D2}", $"Programme {i}", $"专项{i}", "BMCB")).ToArray();

    [Theory]
    [InlineData(246, 251, 98.0)]
    [InlineData(46, 251, 18.3)]
    [InlineData(1, 8, 12.5)]
    [InlineData(1, 16, 6.3)]
    [InlineData(3, 16, 18.8)]
    [InlineData(1, 400, 0.3)]
    [InlineData(1, 3, 33.3)]
    [InlineData(2, 3, 66.7)]
    [InlineData(0, 0, 0.0)]
    [InlineData(5, 0, 0.0)]
    [InlineData(251, 251, 100.0)]
    public void Percentage_rounds_to_one_decimal_half_away_from_zero(int part, int total, double expected) =>
        Assert.Equal(expected, Percentage.Of(part, total));

    [Fact]
    public void Points_delta_has_no_binary_artefacts() =>
        Assert.Equal(0.3, Percentage.PointsDelta(18.6, 18.3));

    [Theory]
    [InlineData(ItemStatus.Proposed, "2026-11-23", null, false)]
    [InlineData(ItemStatus.Proposed, "2026-11-22", null, true)]
    [InlineData(ItemStatus.Proposed, null, "2026-01-01", false)]
    [InlineData(ItemStatus.Commenced, "2020-01-01", "2026-11-23", false)]
    [InlineData(ItemStatus.Commenced, "2020-01-01", "2026-11-22", true)]
    [InlineData(ItemStatus.Commenced, "2020-01-01", null, false)]
    [InlineData(ItemStatus.Completed, "2020-01-01", "2020-02-01", false)]
    public void Overdue_starts_the_day_after_the_planned_date(ItemStatus status, string? start, string? end, bool expected) =>
        Assert.Equal(expected, OverdueRule.IsOverdue(status, D(start), D(end), Today));

    [Fact]
    public void Empty_catalogue_gives_zero_percent_and_lists_all_programmes()
    {
        var report = ProgressCalculator.Compute([], Programmes, Agencies, Today, AsOf);

        Assert.Equal(0, report.Total);
        Assert.Equal(0.0, report.CommencedPct);
        Assert.Equal(0.0, report.CompletedPct);
        Assert.Equal(10, report.Programmes.Count);
        Assert.All(report.Programmes, p => Assert.Equal(0, p.Total));
        Assert.Empty(report.Districts);
    }

    [Fact]
    public void The_251_tasks_example_gives_98_and_18_3_percent()
    {
        var items = new List<ItemSnapshot>();
        for (var i = 1; i <= 251; i++)
        {
            var status = i <= 5 ? ItemStatus.Proposed : i <= 205 ? ItemStatus.Commenced : ItemStatus.Completed;
            items.Add(new ItemSnapshot($"T{i:D3}", ItemKind.Task, "P01", "BMCB", null, status, null, null));
        }

        var report = ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf);

        Assert.Equal((251, 5, 200, 46), (report.Total, report.Proposed, report.Commenced, report.Completed));
        Assert.Equal(98.0, report.CommencedPct);
        Assert.Equal(18.3, report.CompletedPct);
    }

    [Fact]
    public void Breakdowns_sum_to_totals_and_unknown_keys_are_kept()
    {
        var items = RandomItems(2000, seed: 7).Append(
            new ItemSnapshot("T999", ItemKind.Task, "P77", "NOPE", "Z", ItemStatus.Proposed, new DateOnly(2020, 1, 1), null)).ToList();

        var report = ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf);

        Assert.Equal(items.Count, report.Total);
        Assert.Equal(report.Total, report.Proposed + report.Commenced + report.Completed);
        Assert.Equal(items.Count(i => OverdueRule.IsOverdue(i.Status, i.PlannedCommencement, i.PlannedCompletion, Today)), report.Overdue);
        AssertSums(report, report.Programmes.Select(p => p.Counts));
        AssertSums(report, report.Agencies.Select(a => a.Counts));
        AssertSums(report, report.Districts.Select(d => d.Counts));
        AssertSums(report, report.Kinds.Select(k => k.Counts));
        Assert.Equal(Programmes.Select(p => p.Id).Append("P77"), report.Programmes.Select(p => p.Id));
        Assert.Equal(["BMCB", "BMFB", "NOPE"], report.Agencies.Select(a => a.Id));
        Assert.Null(report.Districts[^1].District);
        Assert.Equal(items.Count(i => i.District is null), report.Districts[^1].Total);
        Assert.Equal("Programme 3", report.Programmes[2].NameEn);
        Assert.Equal("专项3", report.Programmes[2].NameZh);
    }

    [Fact]
    public void Overdue_counts_by_programme_on_boundary_day()
    {
        ItemSnapshot[] items =
        [
            new("T001", ItemKind.Task, "P01", "BMCB", null, ItemStatus.Proposed, Today, null),
            new("T002", ItemKind.Task, "P01", "BMCB", null, ItemStatus.Proposed, Today.AddDays(-1), null),
            new("T003", ItemKind.Task, "P02", "BMCB", null, ItemStatus.Commenced, null, Today.AddDays(-1)),
        ];

        var report = ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf);

        Assert.Equal(2, report.Overdue);
        Assert.Equal(1, report.Programmes[0].Overdue);
        Assert.Equal(1, report.Programmes[1].Overdue);
    }

    [Fact]
    public void Report_serializes_flat_as_the_api_describes()
    {
        ItemSnapshot[] items =
        [
            new("T001", ItemKind.Task, "P01", "BMCB", "CY", ItemStatus.Completed, null, null),
            new("P01-M001", ItemKind.Measure, "P01", "BMCB", null, ItemStatus.Proposed, null, null),
        ];
        var report = ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf);

        var text = JsonSerializer.Serialize(report, CatalogueJson.Options);
        output.WriteLine(text);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        Assert.Equal("2026-11-23T02:00:00Z", root.GetProperty("asOf").GetString());
        Assert.Equal(2, root.GetProperty("total").GetInt32());
        Assert.Equal(50.0, root.GetProperty("commencedPct").GetDouble());
        Assert.Contains("\"commencedPct\":50.0,", text, StringComparison.Ordinal);
        Assert.Contains("\"completedPct\":0.0", text, StringComparison.Ordinal);
        Assert.Equal(50.0, root.GetProperty("completedPct").GetDouble());
        Assert.Equal(0, root.GetProperty("overdue").GetInt32());
        Assert.False(root.TryGetProperty("overall", out _));
        var p01 = root.GetProperty("programmes")[0];
        Assert.Equal("P01", p01.GetProperty("id").GetString());
        Assert.Equal("专项1", p01.GetProperty("nameZh").GetString());
        Assert.Equal(100.0 / 2, p01.GetProperty("completedPct").GetDouble());
        Assert.Equal(10, root.GetProperty("programmes").GetArrayLength());
        Assert.Equal("task", root.GetProperty("kinds")[0].GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("districts")[1].GetProperty("district").ValueKind);
    }

    [Fact]
    public void Computes_75000_items_and_counts_them_all()
    {
        var items = RandomItems(75_000, seed: 42);
        ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf); // warm-up (JIT)

        var watch = Stopwatch.StartNew();
        var report = ProgressCalculator.Compute(items, Programmes, Agencies, Today, AsOf);
        watch.Stop();

        // Timing is reported, not asserted: the suite must not depend on machine speed.
        output.WriteLine($"75,000 items: {watch.Elapsed.TotalMilliseconds:F1} ms");
        Assert.Equal(75_000, report.Total);
        AssertSums(report, report.Programmes.Select(p => p.Counts));
    }

    [Fact]
    public void Report_and_snapshot_deserialize_from_their_json()
    {
        var report = ProgressCalculator.Compute(RandomItems(300, seed: 3), Programmes, Agencies, Today, AsOf);
        var snapshot = TwoZones.Core.Digest.ProgressSnapshot.From(report);

        var reportBack = JsonSerializer.Deserialize<ProgressReport>(JsonSerializer.Serialize(report, CatalogueJson.Options), CatalogueJson.Options);
        var snapshotBack = JsonSerializer.Deserialize<TwoZones.Core.Digest.ProgressSnapshot>(
            JsonSerializer.Serialize(snapshot, CatalogueJson.Options), CatalogueJson.Options);

        Assert.NotNull(reportBack);
        Assert.Equal(report.Overall, reportBack.Overall);
        Assert.Equal(report.AsOf, reportBack.AsOf);
        Assert.Equal(report.Programmes, reportBack.Programmes);
        Assert.Equal(report.Districts, reportBack.Districts);
        Assert.Equal(report.Kinds, reportBack.Kinds);
        Assert.NotNull(snapshotBack);
        Assert.Equal(snapshot.Overall, snapshotBack.Overall);
        Assert.Equal(report.Programmes[4].Counts, snapshotBack.Programmes["P05"]);
    }

    private static void AssertSums(ProgressReport report, IEnumerable<ProgressCounts> rows)
    {
        var list = rows.ToList();
        Assert.Equal(report.Total, list.Sum(r => r.Total));
        Assert.Equal(report.Proposed, list.Sum(r => r.Proposed));
        Assert.Equal(report.Commenced, list.Sum(r => r.Commenced));
        Assert.Equal(report.Completed, list.Sum(r => r.Completed));
        Assert.Equal(report.Overdue, list.Sum(r => r.Overdue));
    }

    private static List<ItemSnapshot> RandomItems(int count, int seed)
    {
        var random = new Random(seed);
        string?[] districts = ["CY", "HD", "DC", null];
        var items = new List<ItemSnapshot>(count);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(3) == 0 ? ItemKind.Task : ItemKind.Measure;
            var start = Today.AddDays(random.Next(-400, 400));
            items.Add(new ItemSnapshot(
                $"X{i}", kind, Programmes[random.Next(10)].Id, Agencies[random.Next(2)].Id, districts[random.Next(4)],
                (ItemStatus)random.Next(3), start, start.AddDays(random.Next(0, 300))));
        }

        return items;
    }

    private static DateOnly? D(string? text) =>
        text is null ? null : DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
