using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;

namespace TwoZones.Functions.Dashboard;

/// <summary>
/// Renders the dashboard as one self-contained HTML document: inline CSS and SVG, no script and no external asset (the machines it runs
/// on may have no internet). Every text that comes from data is HTML-encoded. Meant for everyone (WCAG 2.1 AA): every bar is a labelled
/// <c>progressbar</c> with its number beside it as text, colour never carries meaning alone, nothing needs a pointer, no width from
/// 320 px up scrolls sideways, and it prints as a one-page report.
/// </summary>
/// <remarks>
/// Longer than most files here: one method per section of the page, kept together so the document's order and its
/// accessibility markup can be read top to bottom in one place; the styles live in <see cref="DashboardStyles"/>.
/// </remarks>
public static class DashboardPage
{
    // Chinese and other non-ASCII text stays readable in the source; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The page for <paramref name="model"/> in <paramref name="language"/>.</summary>
    /// <param name="model">What to show.</param>
    /// <param name="language">English or Chinese labels and names.</param>
    /// <returns>A complete HTML document.</returns>
    public static string Render(DashboardModel model, DashboardLanguage language)
    {
        ArgumentNullException.ThrowIfNull(model);
        var labels = DashboardLabels.For(language);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(labels.HtmlLang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Encode(labels.Title)).Append("</title>\n<style>\n").Append(DashboardStyles.Css).Append("\n</style>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(Encode(labels.SkipToContent)).Append("</a>\n");
        AppendHeader(html, model, labels);
        html.Append("<main id=\"main\" tabindex=\"-1\">\n");
        AppendOverall(html, model, labels);
        AppendProgrammes(html, model.Progress, labels, language);
        AppendIndicators(html, model.Indicators ?? [], labels, language);
        AppendTrend(html, model.Trend, labels);
        AppendSeal(html, model, labels);
        AppendAgencies(html, model.Progress, labels, language);
        AppendDistricts(html, model.Progress, labels, language);
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
        var query = "?lang=" + labels.OtherLanguage + (model.Code is { Length: > 0 } code ? "&code=" + Uri.EscapeDataString(code) : string.Empty)
            + (model.AsOfDate is { } day ? "&asOf=" + Day(day) : string.Empty);
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

    private static void AppendOverall(StringBuilder html, DashboardModel model, DashboardLabels labels)
    {
        var report = model.Progress;
        var asOf = ShanghaiClock.ToLocal(report.AsOf);
        html.Append("<section id=\"overall\" aria-labelledby=\"overall-title\">\n<h2 id=\"overall-title\">").Append(Encode(labels.Overall)).Append("</h2>\n")
            .Append("<p class=\"muted\">").Append(Encode(labels.AsOf)).Append(' ')
            .Append("<time id=\"as-of\" datetime=\"").Append(asOf.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)).Append("\">")
            .Append(asOf.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append("</time> (").Append(Encode(labels.BeijingTime)).Append(")")
            .Append("<span class=\"print-only\">").Append(Encode(labels.PrintedFrom)).Append("</span></p>\n");
        if (model.AsOfDate is { } day)
        {
            html.Append("<p id=\"as-of-day\"><strong>").Append(Encode(string.Format(CultureInfo.InvariantCulture, labels.AsOfDay, Day(day)))).Append("</strong></p>\n");
        }

        AppendAsOfPicker(html, model, labels);
        html.Append("<div class=\"figures\">\n");
        AppendFigure(html, "total", labels.Total, report.Total);
        AppendFigure(html, "proposed", labels.Words.Proposed, report.Proposed);
        AppendFigure(html, "commenced", labels.Words.Commenced, report.Commenced);
        AppendFigure(html, "completed", labels.Words.Completed, report.Completed);
        AppendFigure(html, "overdue", labels.Words.Overdue, report.Overdue);
        AppendFigure(html, "stale", string.Format(CultureInfo.InvariantCulture, labels.Stale, model.StalePeriodDays), model.Stale);
        html.Append("</div>\n");
        AppendMeter(html, "overall-commenced", labels.CommencedPct, "commenced", report.CommencedPct, labels.CommencedPct);
        AppendMeter(html, "overall-completed", labels.CompletedPct, "completed", report.CompletedPct, labels.CompletedPct);
        html.Append("</section>\n");
    }

    // A plain GET form (no script): the browser's own date control, keyboard-operable, submitting ?asOf= with the language and key.
    private static void AppendAsOfPicker(StringBuilder html, DashboardModel model, DashboardLabels labels)
    {
        html.Append("<form id=\"as-of-form\" method=\"get\"><input type=\"hidden\" name=\"lang\" value=\"").Append(labels.HtmlLang == "en" ? "en" : "zh").Append("\">");
        if (model.Code is { Length: > 0 } code)
        {
            html.Append("<input type=\"hidden\" name=\"code\" value=\"").Append(Encode(code)).Append("\">");
        }

        html.Append("<label for=\"as-of-date\">").Append(Encode(labels.AsOfPicker)).Append("</label> <input type=\"date\" id=\"as-of-date\" name=\"asOf\"");
        var shown = model.AsOfDate ?? model.Today;
        if (shown is { } value)
        {
            html.Append(" value=\"").Append(Day(value)).Append('"');
        }

        if (model.Today is { } today)
        {
            html.Append(" max=\"").Append(Day(today)).Append('"');
        }

        html.Append(" required> <button type=\"submit\">").Append(Encode(labels.Show)).Append("</button>");
        if (model.AsOfDate is not null)
        {
            var now = "?lang=" + (labels.HtmlLang == "en" ? "en" : "zh") + (model.Code is { Length: > 0 } key ? "&code=" + Uri.EscapeDataString(key) : string.Empty);
            html.Append(" <a id=\"as-of-now\" href=\"").Append(Encode(now)).Append("\">").Append(Encode(labels.BackToNow)).Append("</a>");
        }

        html.Append("</form>\n");
    }

    private static void AppendSeal(StringBuilder html, DashboardModel model, DashboardLabels labels)
    {
        html.Append("<section id=\"seal\" aria-labelledby=\"seal-title\">\n<h2 id=\"seal-title\">").Append(Encode(labels.Seal)).Append("</h2>\n");
        if (model.LatestSeal is not { } seal)
        {
            html.Append("<p id=\"no-seal\">").Append(Encode(labels.NoSeal)).Append("</p>\n</section>\n");
            return;
        }

        var at = ShanghaiClock.ToLocal(seal.SealedAt).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var verify = "verify?seal=" + seal.Seq.ToString(CultureInfo.InvariantCulture) + (model.Code is { Length: > 0 } code ? "&code=" + Uri.EscapeDataString(code) : string.Empty);
        html.Append("<p id=\"seal-summary\" data-seq=\"").Append(seal.Seq.ToString(CultureInfo.InvariantCulture)).Append("\">")
            .Append(Encode(string.Format(CultureInfo.InvariantCulture, labels.SealText, seal.Seq, at, seal.Reason, seal.ItemCount))).Append("</p>\n")
            .Append("<p>").Append(Encode(labels.SealRoot)).Append(": <code id=\"seal-root\" class=\"hash\">").Append(Encode(seal.Root)).Append("</code><br>")
            .Append(Encode(labels.SealHash)).Append(": <code id=\"seal-hash\" class=\"hash\">").Append(Encode(seal.Hash)).Append("</code></p>\n")
            .Append("<p class=\"screen-only\"><a id=\"seal-verify\" href=\"").Append(Encode(verify)).Append("\">").Append(Encode(labels.VerifySeal)).Append("</a></p>\n</section>\n");
    }

    private static void AppendFigure(StringBuilder html, string name, string label, int value) =>
        html.Append("<div class=\"figure ").Append(name).Append("\"><span>").Append(Encode(label)).Append("</span><b id=\"count-").Append(name).Append("\">")
            .Append(value.ToString(CultureInfo.InvariantCulture)).Append("</b></div>\n");

    private static void AppendMeter(StringBuilder html, string id, string label, string kind, double percent, string ariaLabel)
    {
        html.Append("<div class=\"meter\"><span>").Append(Encode(label)).Append("</span>");
        AppendBar(html, id, kind, percent, ariaLabel, FormatPercent(percent) + "%");
        html.Append("<span class=\"pct\" id=\"").Append(id).Append("-pct\">").Append(FormatPercent(percent)).Append("%</span></div>\n");
    }

    /// <summary>A bar of 0–100: the value and its words for assistive technology, the fill for the eye; the number is always also shown as text.</summary>
    private static void AppendBar(StringBuilder html, string? id, string kind, double percent, string ariaLabel, string valueText)
    {
        var clamped = Math.Clamp(percent, 0, 100);
        html.Append("<div class=\"bar ").Append(kind).Append('"');
        if (id is not null)
        {
            html.Append(" id=\"").Append(id).Append('"');
        }

        html.Append(" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"").Append(FormatPercent(clamped))
            .Append("\" aria-valuetext=\"").Append(Encode(valueText)).Append("\" aria-label=\"").Append(Encode(ariaLabel)).Append("\">")
            .Append("<span style=\"width:").Append(FormatPercent(clamped)).Append("%\"></span></div>");
    }

    private static void AppendProgrammes(StringBuilder html, ProgressReport report, DashboardLabels labels, DashboardLanguage language) =>
        AppendBreakdown(
            html,
            "programmes",
            labels.Programmes,
            labels.Programme,
            "programme",
            report.Programmes.Select(p => new BreakdownRow(p.Id, $"{p.Id} {Name(language, p.NameEn, p.NameZh, p.Id)}", p.Total, p.Proposed, p.Commenced, p.Completed, p.Overdue, p.CommencedPct, p.CompletedPct)),
            labels);

    private static void AppendAgencies(StringBuilder html, ProgressReport report, DashboardLabels labels, DashboardLanguage language) =>
        AppendBreakdown(
            html,
            "agencies",
            labels.Agencies,
            labels.Agency,
            "agency",
            report.Agencies.Where(a => a.Total > 0).Select(a => new BreakdownRow(a.Id, Name(language, a.NameEn, a.NameZh, a.Id), a.Total, a.Proposed, a.Commenced, a.Completed, a.Overdue, a.CommencedPct, a.CompletedPct)),
            labels);

    private static void AppendDistricts(StringBuilder html, ProgressReport report, DashboardLabels labels, DashboardLanguage language) =>
        AppendBreakdown(
            html,
            "districts",
            labels.Districts,
            labels.District,
            "district",
            report.Districts.Select(d => new BreakdownRow(
                d.District ?? "-", d.District is { } code ? DistrictNames.Of(code, language) : labels.MunicipalityWide, d.Total, d.Proposed, d.Commenced, d.Completed, d.Overdue, d.CommencedPct, d.CompletedPct)),
            labels);

    private static void AppendBreakdown(
        StringBuilder html, string id, string title, string keyHeader, string dataName, IEnumerable<BreakdownRow> rows, DashboardLabels labels)
    {
        html.Append("<section id=\"").Append(id).Append("\" aria-labelledby=\"").Append(id).Append("-title\">\n<h2 id=\"").Append(id).Append("-title\">")
            .Append(Encode(title)).Append("</h2>\n<table class=\"cards\">\n<thead><tr><th scope=\"col\">").Append(Encode(keyHeader)).Append("</th>");
        var columns = new[] { labels.Total, labels.Words.Proposed, labels.Words.Commenced, labels.Words.Completed, labels.Words.Overdue };
        foreach (var column in columns)
        {
            html.Append("<th scope=\"col\" class=\"num\">").Append(Encode(column)).Append("</th>");
        }

        html.Append("<th scope=\"col\">").Append(Encode(labels.Progress)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr data-").Append(dataName).Append("=\"").Append(Encode(row.Key)).Append("\"><th scope=\"row\">").Append(Encode(row.Name)).Append("</th>");
            var counts = new[] { row.Total, row.Proposed, row.Commenced, row.Completed, row.Overdue };
            for (var i = 0; i < counts.Length; i++)
            {
                html.Append("<td class=\"num\" data-label=\"").Append(Encode(columns[i])).Append("\">").Append(counts[i].ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }

            html.Append("<td class=\"bars\" data-label=\"").Append(Encode(labels.Progress)).Append("\"><div class=\"pair\">");
            AppendPairLine(html, "commenced", labels.CommencedPct, row.CommencedPct, $"{row.Name}: {labels.CommencedPct}");
            AppendPairLine(html, "completed", labels.CompletedPct, row.CompletedPct, $"{row.Name}: {labels.CompletedPct}");
            html.Append("</div></td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendPairLine(StringBuilder html, string kind, string tag, double percent, string ariaLabel)
    {
        html.Append("<span class=\"tag\">").Append(Encode(tag)).Append("</span>");
        AppendBar(html, null, kind, percent, ariaLabel, FormatPercent(percent) + "%");
        html.Append("<span class=\"pct\">").Append(FormatPercent(percent)).Append("%</span>");
    }

    private static void AppendIndicators(StringBuilder html, IReadOnlyList<IndicatorProgress> indicators, DashboardLabels labels, DashboardLanguage language)
    {
        var zh = language == DashboardLanguage.Zh;
        html.Append("<section id=\"indicators\" aria-labelledby=\"indicators-title\">\n<h2 id=\"indicators-title\">").Append(Encode(labels.Indicators)).Append("</h2>\n");
        if (indicators.Count == 0)
        {
            html.Append("<p id=\"no-indicators\">").Append(Encode(labels.NoIndicators)).Append("</p>\n</section>\n");
            return;
        }

        html.Append("<table class=\"cards\">\n<thead><tr><th scope=\"col\">").Append(Encode(labels.Indicator)).Append("</th><th scope=\"col\" class=\"num\">")
            .Append(Encode(labels.Target)).Append("</th><th scope=\"col\" class=\"num\">").Append(Encode(labels.Actual)).Append("</th><th scope=\"col\">")
            .Append(Encode(labels.Progress)).Append("</th></tr></thead>\n<tbody>\n");
        foreach (var i in indicators)
        {
            var name = $"{i.Year.ToString(CultureInfo.InvariantCulture)} {Name(language, i.NameEn, i.NameZh, i.Id)}";
            html.Append("<tr data-indicator=\"").Append(Encode(i.Id)).Append("\"><th scope=\"row\">").Append(Encode(name));
            if (i.Derived)
            {
                html.Append(" <span class=\"muted\">(").Append(Encode(labels.Derived)).Append(")</span>");
            }

            html.Append("</th><td class=\"num\" data-label=\"").Append(Encode(labels.Target)).Append("\">")
                .Append(Encode(i.Target is { } target ? IndicatorFormat.Value(target, i.Unit, zh) : labels.NoTarget))
                .Append("</td><td class=\"num\" data-label=\"").Append(Encode(labels.Actual)).Append("\">");
            html.Append(i.Actual is { } actual
                ? Encode(IndicatorFormat.Value(actual, i.Unit, zh)) + " <span class=\"muted\">(" + Encode(i.ActualPeriod ?? string.Empty) + ")</span>"
                : Encode(labels.NotReported));
            html.Append("</td><td class=\"bars\" data-label=\"").Append(Encode(labels.Progress)).Append("\">");
            if (i.ProgressPct is { } pct)
            {
                var ofTarget = string.Format(CultureInfo.InvariantCulture, labels.OfTarget, IndicatorFormat.Percent(pct));
                var state = i.Met == true ? labels.Met : labels.NotMet;
                html.Append("<div class=\"pair\">");
                AppendBar(html, "indicator-" + i.Id, "indicator", pct, $"{name}: {labels.Progress}", $"{ofTarget}, {state}");
                html.Append("<span class=\"pct\">").Append(Encode(IndicatorFormat.Percent(pct))).Append("</span><span class=\"state\">")
                    .Append(i.Met == true ? "✓ " : string.Empty).Append(Encode(state)).Append("</span></div>");
            }
            else
            {
                html.Append("<span class=\"muted\">–</span>");
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendTrend(StringBuilder html, IReadOnlyList<Core.Digest.ProgressSnapshot> trend, DashboardLabels labels)
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

        // The completed line is dashed as well as green, so the two lines differ without colour.
        html.Append("<div class=\"legend\"><span><i class=\"swatch\"></i>").Append(Encode(labels.CommencedPct))
            .Append("</span><span><i class=\"swatch completed\"></i>").Append(Encode(labels.CompletedPct)).Append("</span></div>\n");
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
            .Append("<table class=\"cards\">\n<thead><tr><th scope=\"col\">").Append(Encode(labels.Id)).Append("</th><th scope=\"col\">").Append(Encode(labels.ItemTitle))
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
                html.Append("<tr data-item=\"").Append(Encode(item.Id)).Append("\"><td>").Append(Encode(item.Id)).Append("</td><td data-label=\"").Append(Encode(labels.ItemTitle)).Append("\">")
                    .Append(Encode(language == DashboardLanguage.Zh ? item.TitleZh : item.TitleEn)).Append("</td><td data-label=\"").Append(Encode(labels.LeadAgency)).Append("\">")
                    .Append(Encode(item.LeadAgency)).Append("</td><td data-label=\"").Append(Encode(labels.MissedDate)).Append("\"><time datetime=\"")
                    .Append(Day(item.MissedDate)).Append("\">").Append(Day(item.MissedDate)).Append("</time></td></tr>\n");
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

    /// <summary>One row of a breakdown table.</summary>
    private sealed record BreakdownRow(
        string Key, string Name, int Total, int Proposed, int Commenced, int Completed, int Overdue, double CommencedPct, double CompletedPct);
}
