using TwoZones.Core.Catalogue;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Functions.Dashboard;

namespace TwoZones.Dashboard.Tests;

/// <summary>The pure renderer, without app or browser.</summary>
public sealed class DashboardPageTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTimeOffset AsOf = new(2026, 11, 23, 2, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Without_snapshots_the_trend_says_so_and_draws_no_chart()
    {
        var html = DashboardPage.Render(Model([]), DashboardLanguage.En);
        Assert.Contains("id=\"no-snapshots\"", html, StringComparison.Ordinal);
        Assert.Contains("No snapshots yet", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg", html, StringComparison.Ordinal);

        var zh = DashboardPage.Render(Model([]), DashboardLanguage.Zh);
        Assert.Contains("尚无进展快照", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshots_become_two_polylines_scaled_to_the_chart()
    {
        var report = Report();
        var older = new ProgressSnapshot(AsOf.AddDays(-14), new ProgressCounts(10, 10, 0, 0, 0), new Dictionary<string, ProgressCounts>());
        var newer = ProgressSnapshot.From(report);
        var html = DashboardPage.Render(Model([older, newer]), DashboardLanguage.En);
        Assert.Contains("<svg id=\"trend-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"series-commenced\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"series-completed\"", html, StringComparison.Ordinal);

        // 0 % at the oldest point sits on the bottom gridline (y = 232), at the left edge (x = 44).
        Assert.Contains("points=\"44,232 ", html, StringComparison.Ordinal);
        Assert.Contains("commenced 0.0% → 60.0%", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Titles_and_names_from_data_are_html_encoded()
    {
        var hostile = "<script>alert(1)</script>\"&'";
        var overdue = new OverdueItem("T001", ItemKind.Task, "P01", hostile, hostile, "BMCB", ItemStatus.Proposed, new DateOnly(2020, 1, 1));
        var html = DashboardPage.Render(Model([], [overdue], 1), DashboardLanguage.En);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#x27;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_programme_gets_a_row_with_two_labelled_bars_in_the_chosen_language()
    {
        var zh = DashboardPage.Render(Model([]), DashboardLanguage.Zh);
        Assert.Contains("<html lang=\"zh-CN\">", zh, StringComparison.Ordinal);
        Assert.Equal(10, Count(zh, "<tr data-programme=\""));
        Assert.Contains("P01 专项 1", zh, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"60.0\"", zh, StringComparison.Ordinal);

        var en = DashboardPage.Render(Model([]), DashboardLanguage.En);
        Assert.Equal(10, Count(en, "<tr data-programme=\""));
        Assert.Contains("P01 Programme 1", en, StringComparison.Ordinal);

        // Two bars per programme, per agency with items (BMCB) and per district (all municipality-wide), plus the two overall bars.
        Assert.Equal(26, Count(en, "role=\"progressbar\""));
        Assert.Equal(26, Count(en, "aria-label=\""));
        Assert.Equal(1, Count(en, "<tr data-agency=\"BMCB\""));
        Assert.Equal(0, Count(en, "<tr data-agency=\"BMSTC\""));
        Assert.Contains("Municipality-wide", en, StringComparison.Ordinal);
        Assert.Contains("全市", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_as_of_time_is_shown_in_Beijing_time()
    {
        var html = DashboardPage.Render(Model([]), DashboardLanguage.En);
        Assert.Contains("datetime=\"2026-11-23T10:30:00+08:00\">2026-11-23 10:30</time> (Beijing time)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_language_switch_keeps_a_query_key_escaped_and_leaves_out_a_header_key()
    {
        var withCode = DashboardPage.Render(Model([]) with { Code = "a&b c" }, DashboardLanguage.En);
        Assert.Contains("href=\"?lang=zh&amp;code=a%26b%20c\"", withCode, StringComparison.Ordinal);

        var withoutCode = DashboardPage.Render(Model([]), DashboardLanguage.Zh);
        Assert.Contains("href=\"?lang=en\"", withoutCode, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_links_the_exports_the_feed_and_the_calendar_with_a_query_key()
    {
        var withCode = DashboardPage.Render(Model([]) with { Code = "k&1" }, DashboardLanguage.En);
        Assert.Contains("id=\"export-csv\" href=\"export?format=csv&amp;code=k%261\"", withCode, StringComparison.Ordinal);
        Assert.Contains("id=\"export-xlsx\" href=\"export?format=xlsx&amp;code=k%261\"", withCode, StringComparison.Ordinal);
        Assert.Contains("id=\"feed\" href=\"feed.atom?code=k%261\"", withCode, StringComparison.Ordinal);
        Assert.Contains("id=\"calendar\" href=\"deadlines.ics?code=k%261\"", withCode, StringComparison.Ordinal);

        var zh = DashboardPage.Render(Model([]), DashboardLanguage.Zh);
        Assert.Contains("id=\"feed\" href=\"feed.atom?lang=zh\"", zh, StringComparison.Ordinal);
        Assert.Contains("导出 Excel", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", zh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_overdue_section_says_how_many_are_listed_of_how_many()
    {
        var items = Enumerable.Range(1, 3)
            .Select(i => new OverdueItem($"T{i:000}", ItemKind.Task, "P01", $"Task {i}", $"任务 {i}", i == 2 ? "BMSTC" : "BMCB", ItemStatus.Proposed, new DateOnly(2020, 1, i)))
            .OrderBy(i => i.LeadAgency, StringComparer.Ordinal)
            .ToList();
        var html = DashboardPage.Render(Model([], items, 250), DashboardLanguage.En);
        Assert.Contains("Showing 3 of 250 overdue items", html, StringComparison.Ordinal);
        Assert.Equal(2, Count(html, "<tbody data-agency=\""));
        Assert.Contains("Beijing Municipal Commerce Bureau (2)", html, StringComparison.Ordinal);

        var none = DashboardPage.Render(Model([]), DashboardLanguage.En);
        Assert.Contains("No item is overdue.", none, StringComparison.Ordinal);
    }

    [Fact]
    public void Indicators_show_target_actual_and_a_bar_of_progress_against_target_only_when_both_are_known()
    {
        var indicators = IndicatorCalculator.Compute(
        [
            new IndicatorValues(new Indicator("2024-A", 2024, "Added projects", "新增项目", IndicatorUnit.Count, 7700, "BMCB"), new Dictionary<string, PeriodValue> { ["2024"] = new(8085, 1) }),
            new IndicatorValues(new Indicator("2024-B", 2024, "Investment", "投资额", IndicatorUnit.CnyBillion, 970, "BMCB"), new Dictionary<string, PeriodValue>()),
            new IndicatorValues(new Indicator("2023-C", 2023, "Projects", "项目", IndicatorUnit.Count, null, "BMCB"), new Dictionary<string, PeriodValue> { ["2023"] = new(11000, 1) }),
        ]);
        var en = DashboardPage.Render(Model([]) with { Indicators = indicators }, DashboardLanguage.En);
        Assert.Contains("id=\"indicator-2024-A\"", en, StringComparison.Ordinal);
        Assert.Contains("aria-valuenow=\"100.0\" aria-valuetext=\"105.0% of target, target met\"", en, StringComparison.Ordinal);
        Assert.Contains("8,085", en, StringComparison.Ordinal);
        Assert.Contains("CNY 970 bn", en, StringComparison.Ordinal);
        Assert.Contains("not reported yet", en, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"indicator-2024-B\"", en, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"indicator-2023-C\"", en, StringComparison.Ordinal);

        var zh = DashboardPage.Render(Model([]) with { Indicators = indicators }, DashboardLanguage.Zh);
        Assert.Contains("9,700 亿元", zh, StringComparison.Ordinal);
        Assert.Contains("已达成目标", zh, StringComparison.Ordinal);
        Assert.Contains("完成目标的105.0%", zh, StringComparison.Ordinal);
    }

    private static DashboardModel Model(IReadOnlyList<ProgressSnapshot> trend, IReadOnlyList<OverdueItem>? overdue = null, int overdueTotal = 0) =>
        new(Report(), trend, overdue ?? [], overdueTotal);

    /// <summary>10 tasks in P01: 4 Proposed, 4 Commenced, 2 Completed.</summary>
    private static ProgressReport Report()
    {
        var programmes = Enumerable.Range(1, 10).Select(i => new Programme($"P{i:00}", $"Programme {i}", $"专项 {i}", "BMCB")).ToList();
        var agencies = new List<Agency> { new("BMCB", "Beijing Municipal Commerce Bureau", "北京市商务局"), new("BMSTC", "Science Commission", "科委") };
        var items = Enumerable.Range(1, 10)
            .Select(i => new ItemSnapshot(
                $"T{i:000}", ItemKind.Task, "P01", "BMCB", null, i <= 4 ? ItemStatus.Proposed : i <= 8 ? ItemStatus.Commenced : ItemStatus.Completed, null, null))
            .ToList();
        return ProgressCalculator.Compute(items, programmes, agencies, Today, AsOf);
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
