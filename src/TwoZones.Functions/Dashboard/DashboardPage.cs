using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using TwoZones.Core.Digest;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Functions.Dashboard;

/// <summary>
/// Renders the dashboard as one self-contained HTML document: inline CSS and SVG, no script and no external asset (the machines it runs
/// on may have no internet). Every text that comes from data is HTML-encoded.
/// </summary>
public static class DashboardPage
{
    // Chinese and other non-ASCII text stays readable in the source; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Styles =
        """
        :root{color-scheme:light;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--commenced:#2f6fb5;--completed:#2a8a4a;--overdue:#b42318}
        *{box-sizing:border-box}
        body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:var(--fg);background:#f6f8fa}
        header{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:8px;padding:16px 24px;background:#fff;border-bottom:1px solid var(--line)}
        header h1{margin:0;font-size:22px}
        main{max-width:1100px;margin:0 auto;padding:16px 24px 40px}
        section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
        h2{margin:0 0 12px;font-size:18px}
        .muted{color:var(--muted)}
        .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(120px,1fr));gap:12px;margin:12px 0}
        .figure{border:1px solid var(--line);border-radius:6px;padding:8px 12px}
        .figure b{display:block;font-size:22px}
        .figure.overdue b{color:var(--overdue)}
        .meter{display:grid;grid-template-columns:190px 1fr 64px;align-items:center;gap:12px;margin:6px 0}
        .bar{height:14px;background:#eaeef2;border-radius:7px;overflow:hidden;min-width:80px}
        .bar>span{display:block;height:100%}
        .bar.commenced>span{background:var(--commenced)}
        .bar.completed>span{background:var(--completed)}
        .pct{font-variant-numeric:tabular-nums;text-align:right}
        table{width:100%;border-collapse:collapse}
        th,td{padding:6px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
        td.bars{min-width:190px}
        tbody th[scope=row]{white-space:nowrap}
        td.bars .pct{display:inline-block;width:58px;padding-right:6px}
        td.bars .bar{display:inline-block;width:calc(100% - 62px);vertical-align:middle}
        tbody th[scope=rowgroup]{background:#f6f8fa}
        svg text{font-size:12px;fill:var(--muted)}
        .legend{display:flex;gap:16px;margin:4px 0}
        .swatch{display:inline-block;width:14px;height:4px;margin-right:6px;vertical-align:middle}
        a{color:var(--commenced)}
        """;

    /// <summary>The page for <paramref name="model"/> in <paramref name="language"/>.</summary>
    /// <param name="model">What to show.</param>
    /// <param name="language">English or Chinese labels and names.</param>
    /// <returns>A complete HTML document.</returns>
    public static string Render(DashboardModel model, DashboardLanguage language)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = DashboardLabels.For(language);
        var html = new StringBuilder(32 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(labels.HtmlLang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Encode(labels.Title)).Append("</title>\n<style>\n").Append(Styles).Append("\n</style>\n</head>\n<body>\n");
        AppendHeader(html, model, labels);
        html.Append("<main>\n");
        AppendOverall(html, model.Progress, labels);
        AppendProgrammes(html, model.Progress, labels, language);
        AppendTrend(html, model.Trend, labels);
        AppendOverdue(html, model, labels, language);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>A percentage as the API writes it: one decimal, invariant culture.</summary>
    /// <param name="value">The percentage.</param>
    /// <returns>E.g. <c>98.0</c>.</returns>
    public static string FormatPercent(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static void AppendHeader(StringBuilder html, DashboardModel model, DashboardLabels labels)
    {
        var query = "?lang=" + labels.OtherLanguage + (model.Code is { Length: > 0 } code ? "&code=" + Uri.EscapeDataString(code) : string.Empty);
        html.Append("<header>\n<h1>").Append(Encode(labels.Title)).Append("</h1>\n")
            .Append("<a id=\"language-switch\" lang=\"").Append(labels.OtherLanguage).Append("\" hreflang=\"").Append(labels.OtherLanguage)
            .Append("\" href=\"").Append(Encode(query)).Append("\">").Append(Encode(labels.OtherLanguageName)).Append("</a>\n");
        AppendDownloads(html, model, labels);
        html.Append("</header>\n");
    }

    /// <summary>Links to the sheets, the feed and the calendar, with the key when the page came with one (a feed reader needs it).</summary>
    private static void AppendDownloads(StringBuilder html, DashboardModel model, DashboardLabels labels)
    {
        var zh = labels.OtherLanguage == "en";
        var key = model.Code is { Length: > 0 } code ? "code=" + Uri.EscapeDataString(code) : null;
        string Href(string path, string? query) => path + (query is null && key is null ? string.Empty : "?" + string.Join('&', new[] { query, key }.Where(q => q is not null)));
        (string Id, string Href, string Text)[] links =
        [
            ("export-csv", Href("export", "format=csv"), zh ? "导出 CSV" : "Export CSV"),
            ("export-xlsx", Href("export", "format=xlsx"), zh ? "导出 Excel" : "Export Excel"),
            ("feed", Href("feed.atom", zh ? "lang=zh" : null), zh ? "状态变化订阅（Atom）" : "Status feed (Atom)"),
            ("calendar", Href("deadlines.ics", zh ? "lang=zh" : null), zh ? "计划节点日历" : "Deadlines calendar"),
        ];
        html.Append("<nav id=\"downloads\">");
        foreach (var (id, href, text) in links)
        {
            html.Append(" <a id=\"").Append(id).Append("\" href=\"").Append(Encode(href)).Append("\">").Append(Encode(text)).Append("</a>");
        }

        html.Append("</nav>\n");
    }

    private static void AppendOverall(StringBuilder html, ProgressReport report, DashboardLabels labels)
    {
        var asOf = ShanghaiClock.ToLocal(report.AsOf);
        html.Append("<section id=\"overall\" aria-labelledby=\"overall-title\">\n<h2 id=\"overall-title\">").Append(Encode(labels.Overall)).Append("</h2>\n")
            .Append("<p class=\"muted\">").Append(Encode(labels.AsOf)).Append(' ')
            .Append("<time id=\"as-of\" datetime=\"").Append(asOf.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">")
            .Append(asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</time> (").Append(Encode(labels.BeijingTime)).Append(")</p>\n")
            .Append("<div class=\"figures\">\n");
        AppendFigure(html, "total", labels.Total, report.Total);
        AppendFigure(html, "proposed", labels.Proposed, report.Proposed);
        AppendFigure(html, "commenced", labels.Commenced, report.Commenced);
        AppendFigure(html, "completed", labels.Completed, report.Completed);
        AppendFigure(html, "overdue", labels.Overdue, report.Overdue);
        html.Append("</div>\n");
        AppendMeter(html, "overall-commenced", labels.CommencedPct, "commenced", report.CommencedPct, labels.CommencedPct);
        AppendMeter(html, "overall-completed", labels.CompletedPct, "completed", report.CompletedPct, labels.CompletedPct);
        html.Append("</section>\n");
    }

    private static void AppendFigure(StringBuilder html, string name, string label, int value) =>
        html.Append("<div class=\"figure ").Append(name).Append("\"><span>").Append(Encode(label)).Append("</span><b id=\"count-").Append(name).Append("\">")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append("</b></div>\n");

    private static void AppendMeter(StringBuilder html, string id, string label, string kind, double percent, string ariaLabel)
    {
        html.Append("<div class=\"meter\"><span>").Append(Encode(label)).Append("</span>");
        AppendBar(html, id, kind, percent, ariaLabel);
        html.Append("<span class=\"pct\" id=\"").Append(id).Append("-pct\">").Append(FormatPercent(percent)).Append("%</span></div>\n");
    }

    private static void AppendBar(StringBuilder html, string? id, string kind, double percent, string ariaLabel)
    {
        var value = FormatPercent(percent);
        var width = FormatPercent(Math.Clamp(percent, 0, 100));
        html.Append("<div class=\"bar ").Append(kind).Append('"');
        if (id is not null)
        {
            html.Append(" id=\"").Append(id).Append('"');
        }

        html.Append(" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"").Append(value)
            .Append("\" aria-valuetext=\"").Append(value).Append("%\" aria-label=\"").Append(Encode(ariaLabel)).Append("\">")
            .Append("<span style=\"width:").Append(width).Append("%\"></span></div>");
    }

    private static void AppendProgrammes(StringBuilder html, ProgressReport report, DashboardLabels labels, DashboardLanguage language)
    {
        html.Append("<section id=\"programmes\" aria-labelledby=\"programmes-title\">\n<h2 id=\"programmes-title\">").Append(Encode(labels.Programmes)).Append("</h2>\n")
            .Append("<table>\n<thead><tr><th scope=\"col\">").Append(Encode(labels.Programme)).Append("</th>");
        foreach (var column in new[] { labels.Total, labels.Proposed, labels.Commenced, labels.Completed, labels.Overdue })
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(Encode(column)).Append("</th>");
        }

        html.Append("<th scope=\"col\">").Append(Encode(labels.CommencedPct)).Append("</th><th scope=\"col\">").Append(Encode(labels.CompletedPct))
            .Append("</th></tr></thead>\n<tbody>\n");
        foreach (var programme in report.Programmes)
        {
            var name = Name(language, programme.NameEn, programme.NameZh, programme.Id);
            html.Append("<tr data-programme=\"").Append(Encode(programme.Id)).Append("\"><th scope=\"row\">").Append(Encode(programme.Id)).Append(' ')
                .Append(Encode(name)).Append("</th>");
            foreach (var count in new[] { programme.Total, programme.Proposed, programme.Commenced, programme.Completed, programme.Overdue })
            {
                html.Append("<td class=\"num\">").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            AppendBarCell(html, "commenced", programme.CommencedPct, $"{programme.Id} {name}: {labels.CommencedPct}");
            AppendBarCell(html, "completed", programme.CompletedPct, $"{programme.Id} {name}: {labels.CompletedPct}");
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendBarCell(StringBuilder html, string kind, double percent, string ariaLabel)
    {
        html.Append("<td class=\"bars\"><span class=\"pct\">").Append(FormatPercent(percent)).Append("%</span>");
        AppendBar(html, null, kind, percent, ariaLabel);
        html.Append("</td>");
    }

    private static void AppendTrend(StringBuilder html, IReadOnlyList<ProgressSnapshot> trend, DashboardLabels labels)
    {
        html.Append("<section id=\"trend\" aria-labelledby=\"trend-title\">\n<h2 id=\"trend-title\">").Append(Encode(labels.Trend)).Append("</h2>\n");
        if (trend.Count == 0)
        {
            html.Append("<p id=\"no-snapshots\">").Append(Encode(labels.NoSnapshots)).Append("</p>\n</section>\n");
            return;
        }

        var first = trend[0];
        var last = trend[^1];
        var summary = string.Format(
            CultureInfo.InvariantCulture,
            labels.TrendSummary,
            trend.Count,
            Day(first.AsOf),
            Day(last.AsOf),
            FormatPercent(first.Overall.CommencedPct),
            FormatPercent(last.Overall.CommencedPct),
            FormatPercent(first.Overall.CompletedPct),
            FormatPercent(last.Overall.CompletedPct));
        html.Append("<div class=\"legend\"><span><i class=\"swatch\" style=\"background:var(--commenced)\"></i>").Append(Encode(labels.CommencedPct))
            .Append("</span><span><i class=\"swatch\" style=\"background:var(--completed)\"></i>").Append(Encode(labels.CompletedPct)).Append("</span></div>\n");
        TrendChart.Append(html, trend, labels.Trend, summary);
        html.Append("<p id=\"trend-summary\" class=\"muted\">").Append(Encode(summary)).Append("</p>\n</section>\n");
    }

    private static void AppendOverdue(StringBuilder html, DashboardModel model, DashboardLabels labels, DashboardLanguage language)
    {
        html.Append("<section id=\"overdue\" aria-labelledby=\"overdue-title\">\n<h2 id=\"overdue-title\">").Append(Encode(labels.OverdueItems)).Append("</h2>\n");
        if (model.OverdueTotal == 0 || model.Overdue.Count == 0)
        {
            html.Append("<p id=\"overdue-count\">").Append(Encode(labels.NoOverdue)).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<p id=\"overdue-count\" data-shown=\"").Append(model.Overdue.Count.ToString(CultureInfo.InvariantCulture))
            .Append("\" data-total=\"").Append(model.OverdueTotal.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(Encode(string.Format(CultureInfo.InvariantCulture, labels.OverdueShown, model.Overdue.Count, model.OverdueTotal))).Append("</p>\n")
            .Append("<table>\n<thead><tr><th scope=\"col\">").Append(Encode(labels.Id)).Append("</th><th scope=\"col\">").Append(Encode(labels.ItemTitle))
            .Append("</th><th scope=\"col\">").Append(Encode(labels.LeadAgency)).Append("</th><th scope=\"col\">").Append(Encode(labels.MissedDate))
            .Append("</th></tr></thead>\n");
        var agencies = model.Progress.Agencies.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var group in model.Overdue.GroupBy(i => i.LeadAgency, StringComparer.Ordinal))
        {
            var agencyName = agencies.TryGetValue(group.Key, out var agency) ? Name(language, agency.NameEn, agency.NameZh, group.Key) : group.Key;
            html.Append("<tbody data-agency=\"").Append(Encode(group.Key)).Append("\">\n<tr><th scope=\"rowgroup\" colspan=\"4\">").Append(Encode(agencyName))
                .Append(" (").Append(group.Count().ToString(CultureInfo.InvariantCulture)).Append(")</th></tr>\n");
            foreach (var item in group)
            {
                html.Append("<tr data-item=\"").Append(Encode(item.Id)).Append("\"><td>").Append(Encode(item.Id)).Append("</td><td>")
                    .Append(Encode(language == DashboardLanguage.Zh ? item.TitleZh : item.TitleEn)).Append("</td><td>").Append(Encode(item.LeadAgency))
                    .Append("</td><td><time datetime=\"").Append(Day(item.MissedDate)).Append("\">").Append(Day(item.MissedDate)).Append("</time></td></tr>\n");
            }

            html.Append("</tbody>\n");
        }

        html.Append("</table>\n</section>\n");
    }

    private static string Name(DashboardLanguage language, string en, string zh, string fallback)
    {
        var name = language == DashboardLanguage.Zh ? zh : en;
        return string.IsNullOrWhiteSpace(name) ? fallback : name;
    }

    /// <summary>The Beijing date of an instant, <c>yyyy-MM-dd</c>.</summary>
    internal static string Day(DateTimeOffset instant) => Day(ShanghaiClock.Today(instant));

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    internal static string Encode(string text) => Encoder.Encode(text);
}
