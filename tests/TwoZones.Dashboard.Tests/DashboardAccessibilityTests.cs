using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TwoZones.Testing;

namespace TwoZones.Dashboard.Tests;

/// <summary>
/// The dashboard for everyone, in real headless Chromium: no sideways scrolling at desktop and phone widths, axe-core (from npm) finds no
/// WCAG 2.1 AA violation, every bar is a labelled progressbar with its number as text, the keyboard reaches everything, the breakdowns and
/// indicator bars carry the API's figures, and the page prints on one A4 page; in English and Chinese.
/// </summary>
public sealed partial class DashboardAccessibilityTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private const string DashboardUrl = "api/dashboard?code=" + DashboardAppFixture.ViewerKey;

    public static TheoryData<int, string> WidthsAndLanguages => new() { { 1280, "en" }, { 1280, "zh" }, { 390, "en" }, { 390, "zh" } };

    [Theory]
    [MemberData(nameof(WidthsAndLanguages))]
    public async Task Nothing_overflows_sideways_and_every_bar_stays_inside_its_card(int width, string lang)
    {
        var page = await app.NewPageAsync(width);
        await page.GotoAsync($"{DashboardUrl}&lang={lang}");
        var offenders = await page.EvaluateAsync<string[]>(
            """
            () => {
              const out = [];
              const root = document.documentElement;
              if (root.scrollWidth > root.clientWidth) out.push(`page ${root.scrollWidth} > ${root.clientWidth}`);
              for (const el of document.querySelectorAll('section, table')) {
                if (el.scrollWidth > el.clientWidth) out.push(`${el.id || el.tagName} ${el.scrollWidth} > ${el.clientWidth}`);
              }
              for (const bar of document.querySelectorAll('[role=progressbar]')) {
                const card = bar.closest('section').getBoundingClientRect();
                const box = bar.getBoundingClientRect();
                if (box.width < 20 || box.left < card.left - 0.5 || box.right > card.right + 0.5) out.push(`bar "${bar.getAttribute('aria-label')}" at ${box.left}-${box.right} of ${card.left}-${card.right}`);
              }
              return out;
            }
            """);
        Assert.True(offenders.Length == 0, $"At {width} px ({lang}): " + string.Join("; ", offenders));
    }

    [Theory]
    [MemberData(nameof(WidthsAndLanguages))]
    public async Task Axe_core_finds_no_WCAG_2_1_AA_violation(int width, string lang)
    {
        // axe is injected as a script, which the page's CSP (script-src 'none') rightly refuses; the test context bypasses it.
        var page = await app.NewPageAsync(width, bypassCsp: true);
        await page.GotoAsync($"{DashboardUrl}&lang={lang}");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(RepositoryRoot.Find(), "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => { const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }); return { violations: r.violations, passes: r.passes.length }; }");
        var violations = result.GetProperty("violations").EnumerateArray().ToList();
        var report = new StringBuilder();
        foreach (var violation in violations)
        {
            report.Append(violation.GetProperty("id").GetString()).Append(": ").Append(violation.GetProperty("help").GetString()).Append(" at ");
            report.AppendJoin(", ", violation.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("target").ToString()));
            report.Append(" | ");
        }

        Assert.True(violations.Count == 0, $"At {width} px ({lang}): {report}");
        Assert.True(result.GetProperty("passes").GetInt32() > 10, "axe ran too few checks to be trusted.");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task Every_bar_is_a_labelled_progressbar_whose_number_is_also_text(string lang)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"{DashboardUrl}&lang={lang}");
        var bars = await page.EvaluateAsync<JsonElement>(
            """
            () => [...document.querySelectorAll('[role=progressbar]')].map(b => ({
              label: b.getAttribute('aria-label'), now: b.getAttribute('aria-valuenow'), min: b.getAttribute('aria-valuemin'),
              max: b.getAttribute('aria-valuemax'), text: b.getAttribute('aria-valuetext'), beside: b.parentElement.innerText }))
            """);
        var list = bars.EnumerateArray().ToList();
        Assert.True(list.Count >= 2 + 20 + 4 + 2 + 2, $"Only {list.Count} bars.");
        Assert.Equal(list.Count, list.Select(b => b.GetProperty("label").GetString()).Distinct().Count());
        foreach (var bar in list)
        {
            Assert.False(string.IsNullOrWhiteSpace(bar.GetProperty("label").GetString()));
            Assert.Equal("0", bar.GetProperty("min").GetString());
            Assert.Equal("100", bar.GetProperty("max").GetString());
            var now = double.Parse(bar.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
            Assert.InRange(now, 0, 100);

            // The percentage the bar stands for (its value text starts with it) is printed next to it.
            var shown = Percent().Match(bar.GetProperty("text").GetString()!).Value;
            Assert.Contains(shown, bar.GetProperty("beside").GetString()!, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Indicator_bars_show_the_reported_actuals_against_target_and_say_met_in_words()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var indicators = (await app.GetJsonAsync("api/indicators")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);

        var projects = page.Locator("#indicators tr[data-indicator='2024-INV-PROJECTS']");
        Assert.Equal(105.0, indicators["2024-INV-PROJECTS"].GetProperty("progressPct").GetDouble());
        Assert.Equal("100.0", await projects.GetByRole(AriaRole.Progressbar).GetAttributeAsync("aria-valuenow"));
        var text = await projects.InnerTextAsync();
        Assert.Contains("8,085", text, StringComparison.Ordinal);
        Assert.Contains("7,700", text, StringComparison.Ordinal);
        Assert.Contains("105.0%", text, StringComparison.Ordinal);
        Assert.Contains("target met", text, StringComparison.Ordinal);

        var foreign = page.Locator("#indicators tr[data-indicator='2024-FDI-PROJECTS']");
        Assert.Equal("50.0", await foreign.GetByRole(AriaRole.Progressbar).GetAttributeAsync("aria-valuenow"));
        Assert.Contains("not met yet", await foreign.InnerTextAsync(), StringComparison.Ordinal);

        // No actual or no target: the figures in words, and no bar.
        Assert.Equal(0, await page.Locator("#indicators tr[data-indicator='2024-INV-AMOUNT'] [role=progressbar]").CountAsync());
        Assert.Contains("not reported yet", await page.Locator("#indicators tr[data-indicator='2024-INV-AMOUNT']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("77.4%", await page.Locator("#indicators tr[data-indicator='2023-INV-LANDING-RATE']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(indicators.Count, await page.Locator("#indicators tr[data-indicator]").CountAsync());

        await page.GotoAsync(DashboardUrl + "&lang=zh");
        Assert.Contains("已达成目标", await page.Locator("#indicators tr[data-indicator='2024-INV-PROJECTS']").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("9,700 亿元", await page.Locator("#indicators tr[data-indicator='2024-INV-AMOUNT']").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_agency_and_district_breakdowns_carry_the_figures_of_the_progress_api()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var progress = await app.GetJsonAsync("api/progress");
        foreach (var agency in progress.GetProperty("agencies").EnumerateArray().Where(a => a.GetProperty("total").GetInt32() > 0))
        {
            var row = page.Locator($"#agencies tr[data-agency='{agency.GetProperty("id").GetString()}']");
            Assert.Contains(agency.GetProperty("nameEn").GetString()!, await row.Locator("th").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal(agency.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), await row.Locator("td").First.InnerTextAsync());
            var bars = row.GetByRole(AriaRole.Progressbar);
            Assert.Equal(Pct(agency, "commencedPct"), await bars.Nth(0).GetAttributeAsync("aria-valuenow"));
            Assert.Equal(Pct(agency, "completedPct"), await bars.Nth(1).GetAttributeAsync("aria-valuenow"));
        }

        var districts = progress.GetProperty("districts").EnumerateArray().ToList();
        Assert.Equal(districts.Count, await page.Locator("#districts tbody tr").CountAsync());
        var wide = page.Locator("#districts tr[data-district='-']");
        Assert.Contains("Municipality-wide", await wide.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(Pct(districts.Single(d => d.GetProperty("district").ValueKind == JsonValueKind.Null), "completedPct"), await wide.GetByRole(AriaRole.Progressbar).Nth(1).GetAttributeAsync("aria-valuenow"));
        Assert.Equal(progress.GetProperty("stale").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-stale"));
    }

    [Fact]
    public async Task The_keyboard_reaches_a_skip_link_then_the_language_switch_and_each_shows_where_focus_is()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("skip", await page.EvaluateAsync<string>("() => document.activeElement.className"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.getBoundingClientRect().top >= 0"), "The focused skip link must be visible.");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("language-switch", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("lang=zh", StringComparison.Ordinal));
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public async Task The_page_prints_as_a_one_page_A4_report(string lang)
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync($"{DashboardUrl}&lang={lang}");
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true });
        if (Environment.GetEnvironmentVariable("TWOZONES_DASHBOARD_PRINT") is { Length: > 0 } keep)
        {
            // TWOZONES_DASHBOARD_PRINT=/some/dir keeps the PDF and a picture of the print layout to look at.
            await File.WriteAllBytesAsync(Path.Combine(keep, $"dashboard-{lang}.pdf"), pdf);
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            await page.SetViewportSizeAsync(794, 1123);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(keep, $"dashboard-print-{lang}.png"), FullPage = true });
        }

        var pages = PdfPage().Matches(Encoding.Latin1.GetString(pdf)).Count;
        Assert.Equal(1, pages);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.False(await page.Locator("#language-switch").IsVisibleAsync());
        Assert.True(await page.Locator("#programmes").IsVisibleAsync());
        Assert.True(await page.Locator("#indicators").IsVisibleAsync());
    }

    private static string Pct(JsonElement element, string name) =>
        element.GetProperty(name).GetDouble().ToString("0.0", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\d+\.\d%")]
    private static partial Regex Percent();

    [GeneratedRegex(@"/Type\s*/Page[^s]")]
    private static partial Regex PdfPage();
}
