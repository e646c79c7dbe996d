using System.Text.Json;
using System.Text.RegularExpressions;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Tests;

public partial class DigestTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    private static readonly Agency[] Agencies =
    [
        new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"),
        new("BMFB", "Beijing Municipal Finance Bureau", "北京市财政局"),
    ];

    private static readonly Programme[] Programmes =
    [
        new("P01", "Science & technology <services>", "科技服务业", "BMCB"),
        new("P02", "Digital economy", "数字经济", "BMFB"),
    ];

    [Fact]
    public void Deltas_between_two_snapshots()
    {
        var previous = new ProgressSnapshot(
            Now.AddDays(-7),
            new ProgressCounts(16, 10, 5, 1, 4),
            new Dictionary<string, ProgressCounts> { ["P01"] = new(8, 5, 3, 0, 2) });
        var current = Report(proposed: 7, commenced: 6, completed: 3);

        var digest = DigestComposer.Compose("2026-W48", Now, current, previous, [], []);

        // commenced (at least) 6 → 9: +3; completed 1 → 3: +2; pct 37.5 → 56.3 = +18.8; 6.3 → 18.8 = +12.5
        Assert.NotNull(digest.Deltas);
        Assert.Equal(new DigestDeltas(3, 2, current.Overdue - 4, 18.8, 12.5), digest.Deltas);
        Assert.Equal(previous.Overall, digest.Previous);
        Assert.Equal(Now.AddDays(-7), digest.PreviousAsOf);
        var p01 = digest.Programmes.Single(p => p.Id == "P01");
        Assert.NotNull(p01.Deltas);
        Assert.Null(digest.Programmes.Single(p => p.Id == "P02").Deltas);
        Assert.Equal("2026-W48", digest.Week);
        Assert.Equal(new DateOnly(2026, 11, 23), digest.WeekStart);
        Assert.Equal(new DateOnly(2026, 11, 29), digest.WeekEnd);
    }

    [Fact]
    public void Without_previous_snapshot_there_are_no_deltas()
    {
        var digest = DigestComposer.Compose("2026-W48", Now, Report(2, 2, 2), null, [], []);

        Assert.Null(digest.Deltas);
        Assert.Null(digest.Previous);
        Assert.All(digest.Programmes, p => Assert.Null(p.Deltas));
        Assert.Equal(6, digest.Totals.Total);
    }

    [Fact]
    public void Only_movements_recorded_in_the_Shanghai_week_are_kept()
    {
        DigestMovement[] moved =
        [
            Move("T003", new DateTimeOffset(2026, 11, 22, 15, 59, 0, TimeSpan.Zero)), // Sun 23:59 Beijing, previous week
            Move("T002", new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)),  // Mon 00:00 Beijing
            Move("T001", new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)),
            Move("T004", new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero)),  // next Monday in Beijing
        ];

        var digest = DigestComposer.Compose("2026-W48", Now, Report(1, 1, 1), null, moved, []);

        Assert.Equal(["T002", "T001"], digest.Moved.Select(m => m.Id));
    }

    [Fact]
    public void Overdue_items_are_grouped_by_agency_in_catalogue_order()
    {
        OverdueItem[] overdue =
        [
            new("T009", ItemKind.Task, "P02", "t9", "任务9", "BMFB", ItemStatus.Commenced, new DateOnly(2026, 1, 1)),
            new("T002", ItemKind.Task, "P01", "t2", "任务2", "BMCB", ItemStatus.Proposed, new DateOnly(2026, 5, 1)),
            new("T001", ItemKind.Task, "P01", "t1", "任务1", "BMCB", ItemStatus.Proposed, new DateOnly(2026, 2, 1)),
            new("T010", ItemKind.Task, "P01", "t10", "任务10", "GHOST", ItemStatus.Proposed, new DateOnly(2026, 2, 1)),
        ];

        var digest = DigestComposer.Compose("2026-W48", Now, Report(1, 1, 1), null, [], overdue);

        Assert.Equal(["BMCB", "BMFB", "GHOST"], digest.OverdueByAgency.Select(g => g.AgencyId));
        Assert.Equal(["T001", "T002"], digest.OverdueByAgency[0].Items.Select(i => i.Id));
        Assert.Equal("北京市商务局", digest.OverdueByAgency[0].NameZh);
        Assert.Equal(string.Empty, digest.OverdueByAgency[2].NameEn);
    }

    [Fact]
    public void Overdue_item_from_catalogue_uses_the_current_status()
    {
        var item = TestCatalogues.Task("T001", ItemStatus.Proposed) with
        {
            PlannedCommencement = Today.AddDays(-1),
            PlannedCompletion = Today,
        };

        Assert.Equal(Today.AddDays(-1), OverdueItem.From(item, ItemStatus.Proposed, Today)?.MissedDate);
        Assert.Null(OverdueItem.From(item, ItemStatus.Commenced, Today));
        Assert.Null(OverdueItem.From(item, ItemStatus.Completed, Today));
    }

    [Fact]
    public void Compose_rejects_a_bad_week() =>
        Assert.Throws<FormatException>(() => DigestComposer.Compose("2026-48", Now, Report(1, 1, 1), null, [], []));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void English_and_Chinese_renderings_carry_the_same_figures(bool html)
    {
        var digest = RichDigest();

        var en = html ? DigestRenderer.ToHtml(digest, DigestLanguage.En) : DigestRenderer.ToMarkdown(digest, DigestLanguage.En);
        var zh = html ? DigestRenderer.ToHtml(digest, DigestLanguage.Zh) : DigestRenderer.ToMarkdown(digest, DigestLanguage.Zh);

        Assert.True(Figures(en).Count > 40, string.Join(" ", Figures(en)));
        Assert.Equal(Figures(en), Figures(zh));
        Assert.Contains("56.3", en, StringComparison.Ordinal);
        Assert.Contains("+18.8", en, StringComparison.Ordinal);
        Assert.Contains("Completed", en, StringComparison.Ordinal);
        Assert.Contains("已完成", zh, StringComparison.Ordinal);
        Assert.Contains("科技服务业", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("科技服务业", en, StringComparison.Ordinal);
        Assert.Contains("北京市商务局", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_titles_and_names()
    {
        var html = DigestRenderer.ToHtml(RichDigest(), DigestLanguage.En);

        Assert.Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("Science &amp; technology &lt;services&gt;", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", DigestRenderer.ToHtml(RichDigest(), DigestLanguage.Zh), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_escapes_table_breaking_characters()
    {
        var md = DigestRenderer.ToMarkdown(RichDigest(), DigestLanguage.En);

        Assert.Contains(@"a \| b", md, StringComparison.Ordinal);
        Assert.Contains(@"\<script\>", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_serializes_with_shared_options_and_round_trips()
    {
        var digest = RichDigest();

        var json = JsonSerializer.Serialize(digest, CatalogueJson.Options);
        var back = JsonSerializer.Deserialize<Digest.Digest>(json, CatalogueJson.Options);

        Assert.NotNull(back);
        Assert.Contains("\"week\":\"2026-W48\"", json, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"Completed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"task\"", json, StringComparison.Ordinal);
        Assert.Equal(digest.Totals, back.Totals);
        Assert.Equal(digest.Deltas, back.Deltas);
        Assert.Equal(digest.Moved, back.Moved);
        Assert.Equal(digest.Programmes.Select(p => p with { Deltas = null }), back.Programmes.Select(p => p with { Deltas = null }));
        Assert.Equal(digest.OverdueByAgency[0].Items, back.OverdueByAgency[0].Items);
    }

    [Fact]
    public void Digest_serializes_instants_as_utc_z_and_percentages_with_one_decimal_under_plain_web_options()
    {
        var digest = RichDigest();
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var json = JsonSerializer.Serialize(digest, options);
        var back = JsonSerializer.Deserialize<Digest.Digest>(json, options);

        Assert.Contains("\"generatedAt\":\"2026-11-26T01:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"previousAsOf\":\"2026-11-19T01:00:00Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"commencedPct\":18.8", json, StringComparison.Ordinal);
        Assert.Contains("\"completedPct\":12.5", json, StringComparison.Ordinal);
        Assert.Contains("\"commencedPct\":50.0", json, StringComparison.Ordinal);
        Assert.Equal(digest.PreviousAsOf, back!.PreviousAsOf);
        Assert.Equal(digest.GeneratedAt, back.GeneratedAt);

        var noPrevious = DigestComposer.Compose("2026-W48", Now, Report(1, 1, 1), null, [], []);
        Assert.Contains("\"previousAsOf\":null", JsonSerializer.Serialize(noPrevious, options), StringComparison.Ordinal);
    }

    private static Digest.Digest RichDigest()
    {
        var previous = new ProgressSnapshot(
            Now.AddDays(-7),
            new ProgressCounts(16, 10, 5, 1, 4),
            new Dictionary<string, ProgressCounts> { ["P01"] = new(8, 5, 3, 0, 2), ["P02"] = new(8, 5, 2, 1, 2) });
        DigestMovement[] moved =
        [
            new("T001", ItemKind.Task, "P01", "<script>alert(\"x\")</script>", "脚本", ItemStatus.Commenced, ItemStatus.Completed,
                new DateOnly(2026, 11, 24), Now.AddDays(-1), "o1"),
            new("P02-M001", ItemKind.Measure, "P02", "a | b", "甲乙", ItemStatus.Proposed, ItemStatus.Commenced, new DateOnly(2026, 11, 25), Now, "o2"),
        ];
        OverdueItem[] overdue = [new("T009", ItemKind.Task, "P02", "Late one", "迟到", "BMCB", ItemStatus.Proposed, new DateOnly(2026, 1, 1))];
        return DigestComposer.Compose("2026-W48", Now, Report(proposed: 7, commenced: 6, completed: 3), previous, moved, overdue);
    }

    private static DigestMovement Move(string id, DateTimeOffset recordedAt) =>
        new(id, ItemKind.Task, "P01", id, id, ItemStatus.Proposed, ItemStatus.Commenced, ShanghaiClockDate(recordedAt), recordedAt, "o1");

    private static DateOnly ShanghaiClockDate(DateTimeOffset instant) => Time.ShanghaiClock.Today(instant);

    private static ProgressReport Report(int proposed, int commenced, int completed)
    {
        var items = new List<ItemSnapshot>();
        var n = 0;
        void Add(ItemStatus status, int count)
        {
            for (var i = 0; i < count; i++)
            {
                n++;
                // Alternate programmes; every third item has a deadline in the past.
                var planned = n % 3 == 0 ? Today.AddDays(-10) : Today.AddDays(10);
                items.Add(new ItemSnapshot($"T{n:D3}", ItemKind.Task, n % 2 == 0 ? "P02" : "P01", n % 2 == 0 ? "BMFB" : "BMCB", null, status, planned, planned));
            }
        }

        Add(ItemStatus.Proposed, proposed);
        Add(ItemStatus.Commenced, commenced);
        Add(ItemStatus.Completed, completed);
        return ProgressCalculator.Compute(items, Programmes, Agencies, Today, Now);
    }

    // Numbers in the text (counts, percentages, deltas, dates), in order; labels and titles excluded.
    private static List<string> Figures(string text) =>
        Numbers().Matches(Regex.Replace(text, "<[^>]*>|P0\\d|T0\\d\\d|M0\\d\\d", " ")).Select(m => m.Value).ToList();

    [GeneratedRegex(@"[+-]?\d+(\.\d+)?")]
    private static partial Regex Numbers();
}
