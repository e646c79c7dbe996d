using TwoZones.Core.Catalogue;
using TwoZones.Core.Digest;
using DigestModel = TwoZones.Core.Digest.Digest;
using TwoZones.Core.Progress;
using TwoZones.Core.Seals;

namespace TwoZones.Core.Tests;

public class DigestSealTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DigestLanguage.En, "History seal", "751 items at 2026-11-26 09:00 (UTC+8)")]
    [InlineData(DigestLanguage.Zh, "历史记录封存", "2026-11-26 09:00 (UTC+8) 时全部 751 个事项")]
    public void Both_languages_print_the_seal_in_Markdown_and_HTML(DigestLanguage language, string heading, string text)
    {
        var (seal, _) = SealChain.Next(null, Now, "digest 2026-W48", Enumerable.Range(1, 751).Select(i => ChainHead.Empty($"T{i:000}")));
        var digest = Digest() with { Seal = seal };

        var md = DigestRenderer.ToMarkdown(digest, language);
        Assert.Contains("## " + heading, md, StringComparison.Ordinal);
        Assert.Contains(text, md, StringComparison.Ordinal);
        Assert.Contains("- hash: `" + seal.Hash + "`", md, StringComparison.Ordinal);
        Assert.Contains("- root: `" + seal.Root + "`", md, StringComparison.Ordinal);
        Assert.EndsWith("`\n", md, StringComparison.Ordinal);

        var html = DigestRenderer.ToHtml(digest, language);
        Assert.Contains("<h2>" + heading + "</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<code>" + seal.Hash + "</code>", html, StringComparison.Ordinal);
        Assert.EndsWith("</ul>\n</body>\n</html>\n", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_digest_without_a_seal_prints_none()
    {
        Assert.DoesNotContain("History seal", DigestRenderer.ToMarkdown(Digest(), DigestLanguage.En), StringComparison.Ordinal);
        Assert.DoesNotContain("<code>", DigestRenderer.ToHtml(Digest(), DigestLanguage.En), StringComparison.Ordinal);
    }

    private static DigestModel Digest()
    {
        var items = new List<ItemSnapshot> { new("T001", ItemKind.Task, "P01", "BMCB", null, ItemStatus.Commenced, null, null) };
        var report = ProgressCalculator.Compute(items, [new Programme("P01", "One", "一", "BMCB")], [new Agency("BMCB", "Commerce", "商务局")], new DateOnly(2026, 11, 26), Now);
        return DigestComposer.Compose("2026-W48", Now, report, null, [], []);
    }
}
