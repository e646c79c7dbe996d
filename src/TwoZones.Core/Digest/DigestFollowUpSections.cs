using System.Globalization;
using System.Text;
using TwoZones.Core.Indicators;
using static TwoZones.Core.Digest.DigestRenderer;

namespace TwoZones.Core.Digest;

/// <summary>
/// The digest's sections that ask for follow-up: indicators against their targets, and the reminders of stale items by agency.
/// A digest stored before these existed has neither, and renders without them.
/// </summary>
internal static class DigestFollowUpSections
{
    public static void AppendMarkdown(StringBuilder md, Digest digest, DigestLanguage language)
    {
        var l = Labels.For(language);
        if (digest.Indicators is { Count: > 0 } indicators)
        {
            md.Append("## ").Append(l.Indicators).Append("\n\n")
                .Append('|').Append(l.Indicator).Append('|').Append(l.Target).Append('|').Append(l.Actual).Append('|').Append(l.Period).Append('|').Append(l.OfTarget)
                .Append("|\n|---|---:|---:|---|---:|\n");
            foreach (var i in indicators)
            {
                var cells = Cells(i, language, l);
                md.Append('|').Append(Md(cells[0])).Append('|').Append(Md(cells[1])).Append('|').Append(Md(cells[2])).Append('|').Append(Md(cells[3]))
                    .Append('|').Append(Md(cells[4])).Append("|\n");
            }

            md.Append('\n');
        }

        if (digest.StaleByAgency is not { } groups)
        {
            return;
        }

        md.Append("## ").Append(l.Reminders).Append("\n\n").Append(Period(l, digest)).Append("\n\n");
        if (groups.Count == 0)
        {
            md.Append(l.NoneStale).Append("\n\n");
        }

        foreach (var group in groups)
        {
            md.Append("### ").Append(Md(Name(language, group.AgencyId, group.NameEn, group.NameZh))).Append(" (").Append(Int(group.Items.Count)).Append(")\n\n");
            foreach (var item in group.Items)
            {
                md.Append("- ").Append(Md(item.Id)).Append(' ').Append(Md(Title(language, item.TitleEn, item.TitleZh))).Append(" — ").Append(Quiet(l, item)).Append('\n');
            }

            md.Append('\n');
        }
    }

    public static void AppendHtml(StringBuilder h, Digest digest, DigestLanguage language)
    {
        var l = Labels.For(language);
        if (digest.Indicators is { Count: > 0 } indicators)
        {
            h.Append("<h2>").Append(E(l.Indicators)).Append("</h2>\n<table>\n<tr>");
            foreach (var header in new[] { l.Indicator, l.Target, l.Actual, l.Period, l.OfTarget })
            {
                h.Append("<th>").Append(E(header)).Append("</th>");
            }

            h.Append("</tr>\n");
            foreach (var i in indicators)
            {
                var cells = Cells(i, language, l);
                h.Append("<tr><td>").Append(E(cells[0])).Append("</td>");
                // Values carry their unit in words, which differ by language: not the plain figures of "n" cells.
                foreach (var cell in cells.Skip(1))
                {
                    h.Append("<td class=\"v\">").Append(E(cell)).Append("</td>");
                }

                h.Append("</tr>\n");
            }

            h.Append("</table>\n");
        }

        if (digest.StaleByAgency is not { } groups)
        {
            return;
        }

        h.Append("<h2>").Append(E(l.Reminders)).Append("</h2>\n<p>").Append(E(Period(l, digest))).Append("</p>\n");
        if (groups.Count == 0)
        {
            h.Append("<p>").Append(E(l.NoneStale)).Append("</p>\n");
        }

        foreach (var group in groups)
        {
            h.Append("<h3>").Append(E(Name(language, group.AgencyId, group.NameEn, group.NameZh))).Append(" (").Append(Int(group.Items.Count)).Append(")</h3>\n<ul>\n");
            foreach (var item in group.Items)
            {
                h.Append("<li>").Append(E(item.Id)).Append(' ').Append(E(Title(language, item.TitleEn, item.TitleZh))).Append(" — ").Append(E(Quiet(l, item))).Append("</li>\n");
            }

            h.Append("</ul>\n");
        }
    }

    private static string[] Cells(IndicatorProgress i, DigestLanguage language, Labels l)
    {
        var zh = language == DigestLanguage.Zh;
        var name = Title(language, i.NameEn, i.NameZh) + (i.Derived ? " " + l.DerivedMark : string.Empty);
        return
        [
            $"{i.Year.ToString(CultureInfo.InvariantCulture)} {name}",
            i.Target is { } target ? IndicatorFormat.Value(target, i.Unit, zh) : "–",
            i.Actual is { } actual ? IndicatorFormat.Value(actual, i.Unit, zh) : l.NotReported,
            i.ActualPeriod ?? "–",
            i.ProgressPct is { } pct ? IndicatorFormat.Percent(pct) + (i.Met == true ? " " + l.MetMark : string.Empty) : "–",
        ];
    }

    private static string Period(Labels l, Digest digest) =>
        string.Format(CultureInfo.InvariantCulture, l.StalePeriod, digest.StalePeriodDays ?? Progress.StaleRule.DefaultPeriodDays);

    private static string Quiet(Labels l, StaleItem item) =>
        string.Format(CultureInfo.InvariantCulture, l.LastUpdate, Date(item.LastActivity), item.QuietDays);

    private sealed record Labels(
        string Indicators,
        string Indicator,
        string Target,
        string Actual,
        string Period,
        string OfTarget,
        string NotReported,
        string DerivedMark,
        string MetMark,
        string Reminders,
        string StalePeriod,
        string NoneStale,
        string LastUpdate)
    {
        private static readonly Labels En = new(
            "Indicators: targets and actuals", "Indicator", "Target", "Actual", "Period", "Of target", "not reported yet", "(derived)", "(met)",
            "Reminders: commenced items without news",
            "Commenced items with no status change, note or evidence recorded for {0} days or more. Please report on them.",
            "No stale items.", "last update {0}, {1} days ago");

        private static readonly Labels Zh = new(
            "指标：目标与实际", "指标", "目标", "实际", "期间", "完成目标", "尚未报送", "（推算）", "（已达成）",
            "提醒：已启动但久未更新的事项",
            "已启动事项中，{0}天及以上未记录状态变化、说明或佐证材料的，请及时报送进展。",
            "无久未更新的事项。", "最近更新 {0}，已 {1} 天");

        public static Labels For(DigestLanguage language) => language == DigestLanguage.Zh ? Zh : En;
    }
}
