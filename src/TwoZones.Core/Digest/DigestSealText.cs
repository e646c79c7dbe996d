using System.Globalization;
using System.Net;
using System.Text;
using TwoZones.Core.Seals;
using TwoZones.Core.Time;

namespace TwoZones.Core.Digest;

/// <summary>The digest's closing section: the seal made with it, so readers can keep it and check the history against it later.</summary>
internal static class DigestSealText
{
    public static void AppendMarkdown(StringBuilder md, Seal? seal, DigestLanguage language)
    {
        if (seal is null)
        {
            return;
        }

        var (heading, text) = Wording(seal, language);
        md.Append("\n## ").Append(heading).Append("\n\n").Append(text).Append("\n\n");
        md.Append("- seq: ").Append(seal.Seq.ToString(CultureInfo.InvariantCulture)).Append('\n');
        md.Append("- hash: `").Append(seal.Hash).Append("`\n");
        md.Append("- root: `").Append(seal.Root).Append("`\n");
    }

    public static void AppendHtml(StringBuilder h, Seal? seal, DigestLanguage language)
    {
        if (seal is null)
        {
            return;
        }

        var (heading, text) = Wording(seal, language);
        h.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>\n<p>").Append(WebUtility.HtmlEncode(text)).Append("</p>\n<ul>\n")
            .Append("<li>seq: ").Append(seal.Seq.ToString(CultureInfo.InvariantCulture)).Append("</li>\n")
            .Append("<li>hash: <code>").Append(seal.Hash).Append("</code></li>\n")
            .Append("<li>root: <code>").Append(seal.Root).Append("</code></li>\n</ul>\n");
    }

    private static (string Heading, string Text) Wording(Seal seal, DigestLanguage language)
    {
        var at = ShanghaiClock.ToLocal(seal.SealedAt).ToString("yyyy-MM-dd HH:mm '(UTC+8)'", CultureInfo.InvariantCulture);
        var items = seal.ItemCount.ToString(CultureInfo.InvariantCulture);
        return language == DigestLanguage.Zh
            ? ("历史记录封存", $"本周报附带的封存值覆盖 {at} 时全部 {items} 个事项的历史记录链头。请保存该哈希值：日后可通过 /api/verify?seal= 或 tools/verify-history 核验，此后任何对既有历史的改写或删除都会被发现。")
            : ("History seal", $"This digest's seal covers the history chain heads of all {items} items at {at}. Keep the hash: checked later with /api/verify?seal= or tools/verify-history, it reveals any rewrite or deletion of the history up to then.");
    }
}
