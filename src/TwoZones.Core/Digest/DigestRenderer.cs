using System.Globalization;
using System.Net;
using System.Text;
using TwoZones.Core.Time;

namespace TwoZones.Core.Digest;

/// <summary>
/// Renders a digest as Markdown or HTML in English or Chinese. Both languages show exactly the same figures,
/// formatted with the invariant culture; titles and names are escaped for the target format.
/// </summary>
public static class DigestRenderer
{
    /// <summary>Renders a digest as Markdown.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="language">English or Chinese wording and titles.</param>
    /// <returns>A Markdown document.</returns>
    public static string ToMarkdown(Digest digest, DigestLanguage language)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var l = DigestLabels.For(language);
        var md = new StringBuilder();
        md.Append("# ").Append(l.Title).Append(' ').Append(digest.Week).Append('\n').Append('\n');
        md.Append(l.Week).Append(": ").Append(digest.Week).Append(" (").Append(Date(digest.WeekStart)).Append(" – ").Append(Date(digest.WeekEnd)).Append(")  \n");
        md.Append(l.GeneratedAt).Append(": ").Append(Instant(digest.GeneratedAt)).Append('\n').Append('\n');

        md.Append("## ").Append(l.Totals).Append('\n').Append('\n');
        md.Append('|').Append(l.Total).Append('|').Append(l.Words.Proposed).Append('|').Append(l.Words.Commenced).Append('|').Append(l.Words.Completed)
            .Append('|').Append(l.Words.Overdue).Append('|').Append(l.CommencedPct).Append('|').Append(l.CompletedPct).Append("|\n");
        md.Append("|---:|---:|---:|---:|---:|---:|---:|\n");
        var t = digest.Totals;
        md.Append('|').Append(Int(t.Total)).Append('|').Append(Int(t.Proposed)).Append('|').Append(Int(t.Commenced)).Append('|').Append(Int(t.Completed))
            .Append('|').Append(Int(t.Overdue)).Append('|').Append(Pct(t.CommencedPct)).Append('|').Append(Pct(t.CompletedPct)).Append("|\n\n");
        if (digest.Deltas is { } d && digest.PreviousAsOf is { } previousAsOf)
        {
            md.Append(l.ChangeSince).Append(' ').Append(Instant(previousAsOf)).Append(": ")
                .Append(l.Words.Commenced).Append(' ').Append(Signed(d.Commenced)).Append(", ")
                .Append(l.Words.Completed).Append(' ').Append(Signed(d.Completed)).Append(", ")
                .Append(l.Words.Overdue).Append(' ').Append(Signed(d.Overdue)).Append(", ")
                .Append(l.CommencedPct).Append(' ').Append(SignedPct(d.CommencedPct)).Append(", ")
                .Append(l.CompletedPct).Append(' ').Append(SignedPct(d.CompletedPct)).Append("\n\n");
        }
        else
        {
            md.Append(l.NoPrevious).Append("\n\n");
        }

        md.Append("## ").Append(l.Moved).Append("\n\n");
        if (digest.Moved.Count == 0)
        {
            md.Append(l.NoneMoved).Append("\n\n");
        }
        else
        {
            md.Append('|').Append(l.Item).Append('|').Append(l.ItemTitle).Append('|').Append(l.Transition).Append('|').Append(l.EffectiveDate)
                .Append('|').Append(l.Actor).Append("|\n|---|---|---|---|---|\n");
            foreach (var m in digest.Moved)
            {
                md.Append('|').Append(Md(m.Id)).Append('|').Append(Md(Title(language, m.TitleEn, m.TitleZh))).Append('|')
                    .Append(l.Words.Of(m.From)).Append(" → ").Append(l.Words.Of(m.To)).Append('|').Append(Date(m.EffectiveDate))
                    .Append('|').Append(Md(m.Actor)).Append("|\n");
            }

            md.Append('\n');
        }

        md.Append("## ").Append(l.OverdueByAgency).Append("\n\n");
        if (digest.OverdueByAgency.Count == 0)
        {
            md.Append(l.NoneOverdue).Append("\n\n");
        }

        foreach (var group in digest.OverdueByAgency)
        {
            md.Append("### ").Append(Md(Name(language, group.AgencyId, group.NameEn, group.NameZh))).Append(" (").Append(Int(group.Items.Count)).Append(")\n\n");
            foreach (var item in group.Items)
            {
                md.Append("- ").Append(Md(item.Id)).Append(' ').Append(Md(Title(language, item.TitleEn, item.TitleZh)))
                    .Append(" — ").Append(l.Words.Of(item.Status)).Append(", ").Append(l.MissedDate).Append(' ').Append(Date(item.MissedDate)).Append('\n');
            }

            md.Append('\n');
        }

        DigestFollowUpSections.AppendMarkdown(md, digest, language);
        md.Append("## ").Append(l.Programmes).Append("\n\n");
        md.Append('|').Append(l.Programme).Append('|').Append(l.Total).Append('|').Append(l.Words.Proposed).Append('|').Append(l.Words.Commenced)
            .Append('|').Append(l.Words.Completed).Append('|').Append(l.Words.Overdue).Append('|').Append(l.CommencedPct).Append('|').Append(l.CompletedPct)
            .Append('|').Append(l.Change).Append("|\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var p in digest.Programmes)
        {
            md.Append('|').Append(Md(p.Id)).Append(' ').Append(Md(Name(language, string.Empty, p.NameEn, p.NameZh))).Append('|')
                .Append(Int(p.Total)).Append('|').Append(Int(p.Proposed)).Append('|').Append(Int(p.Commenced)).Append('|').Append(Int(p.Completed))
                .Append('|').Append(Int(p.Overdue)).Append('|').Append(Pct(p.CommencedPct)).Append('|').Append(Pct(p.CompletedPct))
                .Append('|').Append(ProgrammeChange(p)).Append("|\n");
        }

        DigestSealText.AppendMarkdown(md, digest.Seal, language);
        return md.ToString();
    }

    /// <summary>Renders a digest as a self-contained HTML document.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="language">English or Chinese wording and titles.</param>
    /// <returns>An HTML document; every text taken from data is HTML-encoded.</returns>
    public static string ToHtml(Digest digest, DigestLanguage language)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var l = DigestLabels.For(language);
        var h = new StringBuilder();
        var lang = language == DigestLanguage.Zh ? "zh-CN" : "en";
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E(l.Title)).Append(' ').Append(E(digest.Week)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25em .5em}td.n,td.v{text-align:right}</style>\n")
            .Append("</head>\n<body>\n");
        h.Append("<h1>").Append(E(l.Title)).Append(' ').Append(E(digest.Week)).Append("</h1>\n");
        h.Append("<p>").Append(E(l.Week)).Append(": ").Append(E(digest.Week)).Append(" (").Append(Date(digest.WeekStart)).Append(" – ")
            .Append(Date(digest.WeekEnd)).Append(")<br>").Append(E(l.GeneratedAt)).Append(": ").Append(Instant(digest.GeneratedAt)).Append("</p>\n");

        h.Append("<h2>").Append(E(l.Totals)).Append("</h2>\n<table>\n");
        Row(h, "th", [l.Total, l.Words.Proposed, l.Words.Commenced, l.Words.Completed, l.Words.Overdue, l.CommencedPct, l.CompletedPct]);
        var t = digest.Totals;
        NumberRow(h, [Int(t.Total), Int(t.Proposed), Int(t.Commenced), Int(t.Completed), Int(t.Overdue), Pct(t.CommencedPct), Pct(t.CompletedPct)]);
        h.Append("</table>\n");
        if (digest.Deltas is { } d && digest.PreviousAsOf is { } previousAsOf)
        {
            h.Append("<p>").Append(E(l.ChangeSince)).Append(' ').Append(Instant(previousAsOf)).Append(": ")
                .Append(E(l.Words.Commenced)).Append(' ').Append(Signed(d.Commenced)).Append(", ")
                .Append(E(l.Words.Completed)).Append(' ').Append(Signed(d.Completed)).Append(", ")
                .Append(E(l.Words.Overdue)).Append(' ').Append(Signed(d.Overdue)).Append(", ")
                .Append(E(l.CommencedPct)).Append(' ').Append(SignedPct(d.CommencedPct)).Append(", ")
                .Append(E(l.CompletedPct)).Append(' ').Append(SignedPct(d.CompletedPct)).Append("</p>\n");
        }
        else
        {
            h.Append("<p>").Append(E(l.NoPrevious)).Append("</p>\n");
        }

        h.Append("<h2>").Append(E(l.Moved)).Append("</h2>\n");
        if (digest.Moved.Count == 0)
        {
            h.Append("<p>").Append(E(l.NoneMoved)).Append("</p>\n");
        }
        else
        {
            h.Append("<table>\n");
            Row(h, "th", [l.Item, l.ItemTitle, l.Transition, l.EffectiveDate, l.Actor]);
            foreach (var m in digest.Moved)
            {
                Row(h, "td", [m.Id, Title(language, m.TitleEn, m.TitleZh), $"{l.Words.Of(m.From)} → {l.Words.Of(m.To)}", Date(m.EffectiveDate), m.Actor]);
            }

            h.Append("</table>\n");
        }

        h.Append("<h2>").Append(E(l.OverdueByAgency)).Append("</h2>\n");
        if (digest.OverdueByAgency.Count == 0)
        {
            h.Append("<p>").Append(E(l.NoneOverdue)).Append("</p>\n");
        }

        foreach (var group in digest.OverdueByAgency)
        {
            h.Append("<h3>").Append(E(Name(language, group.AgencyId, group.NameEn, group.NameZh))).Append(" (").Append(Int(group.Items.Count)).Append(")</h3>\n<ul>\n");
            foreach (var item in group.Items)
            {
                h.Append("<li>").Append(E(item.Id)).Append(' ').Append(E(Title(language, item.TitleEn, item.TitleZh))).Append(" — ")
                    .Append(E(l.Words.Of(item.Status))).Append(", ").Append(E(l.MissedDate)).Append(' ').Append(Date(item.MissedDate)).Append("</li>\n");
            }

            h.Append("</ul>\n");
        }

        DigestFollowUpSections.AppendHtml(h, digest, language);
        h.Append("<h2>").Append(E(l.Programmes)).Append("</h2>\n<table>\n");
        Row(h, "th", [l.Programme, l.Total, l.Words.Proposed, l.Words.Commenced, l.Words.Completed, l.Words.Overdue, l.CommencedPct, l.CompletedPct, l.Change]);
        foreach (var p in digest.Programmes)
        {
            h.Append("<tr><td>").Append(E(p.Id)).Append(' ').Append(E(Name(language, string.Empty, p.NameEn, p.NameZh))).Append("</td>");
            foreach (var cell in new[] { Int(p.Total), Int(p.Proposed), Int(p.Commenced), Int(p.Completed), Int(p.Overdue), Pct(p.CommencedPct), Pct(p.CompletedPct), ProgrammeChange(p) })
            {
                h.Append("<td class=\"n\">").Append(E(cell)).Append("</td>");
            }

            h.Append("</tr>\n");
        }

        h.Append("</table>\n");
        DigestSealText.AppendHtml(h, digest.Seal, language);
        h.Append("</body>\n</html>\n");
        return h.ToString();
    }

    private static void Row(StringBuilder h, string cell, IEnumerable<string> values)
    {
        h.Append("<tr>");
        foreach (var value in values)
        {
            h.Append('<').Append(cell).Append('>').Append(E(value)).Append("</").Append(cell).Append('>');
        }

        h.Append("</tr>\n");
    }

    private static void NumberRow(StringBuilder h, IEnumerable<string> values)
    {
        h.Append("<tr>");
        foreach (var value in values)
        {
            h.Append("<td class=\"n\">").Append(E(value)).Append("</td>");
        }

        h.Append("</tr>\n");
    }

    private static string ProgrammeChange(DigestProgrammeRow row) =>
        row.Deltas is { } d ? $"{SignedPct(d.CommencedPct)} / {SignedPct(d.CompletedPct)}" : "–";

    // A missing translation falls back to the other language rather than printing nothing.
    internal static string Title(DigestLanguage language, string en, string zh) =>
        language == DigestLanguage.Zh ? (string.IsNullOrWhiteSpace(zh) ? en : zh) : (string.IsNullOrWhiteSpace(en) ? zh : en);

    internal static string Name(DigestLanguage language, string id, string en, string zh)
    {
        var name = Title(language, en, zh);
        return string.IsNullOrWhiteSpace(name) ? id : (id.Length == 0 ? name : $"{id} {name}");
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);

    internal static string Md(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                escaped.Append('\\');
            }

            escaped.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return escaped.ToString();
    }

    internal static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Pct(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Signed(int value) => value.ToString("+0;-0;0", CultureInfo.InvariantCulture);

    private static string SignedPct(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Readers are in Beijing: show their wall-clock time, with the offset so it is unambiguous.
    private static string Instant(DateTimeOffset instant) =>
        ShanghaiClock.ToLocal(instant).ToString("yyyy-MM-dd HH:mm '(UTC+8)'", CultureInfo.InvariantCulture);
}
