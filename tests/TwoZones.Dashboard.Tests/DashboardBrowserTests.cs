using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace TwoZones.Dashboard.Tests;

/// <summary><c>GET /api/dashboard</c> in real headless Chromium against the real app and Azurite.</summary>
public sealed class DashboardBrowserTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private const string DashboardUrl = "api/dashboard?code=" + DashboardAppFixture.ViewerKey;

    [Fact]
    public async Task The_page_opens_with_the_viewer_key_in_code_and_shows_the_overall_figures_of_the_progress_api()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync(DashboardUrl);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));

        var progress = await app.GetJsonAsync("api/progress");
        var commenced = Pct(progress, "commencedPct");
        var completed = Pct(progress, "completedPct");
        Assert.Equal(commenced + "%", await page.InnerTextAsync("#overall-commenced-pct"));
        Assert.Equal(completed + "%", await page.InnerTextAsync("#overall-completed-pct"));
        Assert.Equal(commenced, await page.GetAttributeAsync("#overall-commenced", "aria-valuenow"));
        Assert.Equal(completed, await page.GetAttributeAsync("#overall-completed", "aria-valuenow"));
        Assert.Equal(progress.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-total"));
        Assert.Equal(progress.GetProperty("overdue").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-overdue"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$", await page.GetAttributeAsync("#as-of", "datetime"));
    }

    [Fact]
    public async Task Every_programme_has_a_row_whose_bars_carry_its_percentages()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var progress = await app.GetJsonAsync("api/progress");
        var rows = page.Locator("#programmes tbody tr[data-programme]");
        Assert.Equal(10, await rows.CountAsync());

        foreach (var programme in progress.GetProperty("programmes").EnumerateArray())
        {
            var id = programme.GetProperty("id").GetString()!;
            var row = page.Locator($"#programmes tr[data-programme='{id}']");
            Assert.Contains(programme.GetProperty("nameEn").GetString()!, await row.Locator("th").InnerTextAsync(), StringComparison.Ordinal);
            var bars = row.GetByRole(AriaRole.Progressbar);
            Assert.Equal(2, await bars.CountAsync());
            Assert.Equal(Pct(programme, "commencedPct"), await bars.Nth(0).GetAttributeAsync("aria-valuenow"));
            Assert.Equal(Pct(programme, "completedPct"), await bars.Nth(1).GetAttributeAsync("aria-valuenow"));
            Assert.False(string.IsNullOrWhiteSpace(await bars.Nth(0).GetAttributeAsync("aria-label")));
        }
    }

    [Fact]
    public async Task Overdue_items_are_listed_by_lead_agency_with_the_missed_date()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var row = page.Locator("#overdue tr[data-item='T001']");
        await Assertions.Expect(row).ToBeVisibleAsync();
        var text = await row.InnerTextAsync();
        Assert.Contains("Reform task 1", text, StringComparison.Ordinal);
        Assert.Contains("BMCB", text, StringComparison.Ordinal);
        Assert.Contains("2020-01-01", text, StringComparison.Ordinal);

        Assert.Equal("4", await page.GetAttributeAsync("#overdue-count", "data-total"));
        Assert.Equal(["BMCB", "BMSTC"], await page.Locator("#overdue tbody[data-agency]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.agency)"));
        Assert.Equal(["T001", "T003"], await page.Locator("#overdue tbody[data-agency='BMCB'] tr[data-item]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.item)"));
    }

    [Fact]
    public async Task The_trend_chart_draws_both_series_from_the_snapshots()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        await Assertions.Expect(page.Locator("#trend-chart")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("#no-snapshots").CountAsync());
        foreach (var series in new[] { "commenced", "completed" })
        {
            var points = await page.Locator($"#trend-chart polyline.series-{series}").GetAttributeAsync("points");
            Assert.False(string.IsNullOrWhiteSpace(points));
        }
    }

    [Fact]
    public async Task Switching_to_Chinese_keeps_the_key_and_shows_Chinese_labels_with_the_same_figures()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var commencedEn = await page.InnerTextAsync("#overall-commenced-pct");
        var completedEn = await page.InnerTextAsync("#overall-completed-pct");

        await page.ClickAsync("#language-switch");
        await page.WaitForURLAsync(url => url.Contains("lang=zh", StringComparison.Ordinal));
        Assert.Contains("code=" + DashboardAppFixture.ViewerKey, page.Url, StringComparison.Ordinal);
        Assert.Equal("zh-CN", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("总体进展", await page.InnerTextAsync("#overall-title"));
        Assert.Equal("逾期事项", await page.InnerTextAsync("#overdue-title"));
        Assert.Contains("专项方案 1", await page.InnerTextAsync("#programmes tr[data-programme='P01'] th"), StringComparison.Ordinal);
        Assert.Contains("北京市商务局", await page.InnerTextAsync("#overdue tbody[data-agency='BMCB'] th"), StringComparison.Ordinal);
        Assert.Equal(commencedEn, await page.InnerTextAsync("#overall-commenced-pct"));
        Assert.Equal(completedEn, await page.InnerTextAsync("#overall-completed-pct"));

        await page.ClickAsync("#language-switch");
        await page.WaitForURLAsync(url => url.Contains("lang=en", StringComparison.Ordinal));
        Assert.Equal("Overall progress", await page.InnerTextAsync("#overall-title"));
    }

    [Fact]
    public async Task Without_a_key_the_page_is_a_401_problem()
    {
        var page = await app.NewPageAsync();
        var response = await page.GotoAsync("api/dashboard");
        Assert.NotNull(response);
        Assert.Equal(401, response.Status);
        Assert.StartsWith("application/problem+json", response.Headers["content-type"], StringComparison.Ordinal);
        var problem = JsonDocument.Parse(await response.TextAsync()).RootElement;
        Assert.Equal(401, problem.GetProperty("status").GetInt32());

        var unknown = await page.GotoAsync("api/dashboard?code=not-a-key");
        Assert.Equal(401, unknown!.Status);
    }

    [Fact]
    public async Task A_title_with_markup_is_shown_as_text_and_its_script_never_runs()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var title = page.Locator("#overdue tr[data-item='T003'] td").Nth(1);
        Assert.Equal(DashboardCatalogue.HostileTitle, await title.InnerTextAsync());
        Assert.Equal(0, await page.Locator("script").CountAsync());
        Assert.Equal(0, await page.Locator("#overdue img").CountAsync());
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
    }

    [Fact]
    public async Task A_screenshot_of_the_page_is_a_png()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var path = Path.Combine(Path.GetTempPath(), $"twozones-dashboard-{Guid.NewGuid():N}.png");
        try
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.True(bytes.Length > 1000, $"The screenshot has only {bytes.Length} bytes.");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        }
        finally
        {
            // TWOZONES_DASHBOARD_SCREENSHOT=/some/file.png keeps a copy to look at.
            if (File.Exists(path) && Environment.GetEnvironmentVariable("TWOZONES_DASHBOARD_SCREENSHOT") is { Length: > 0 } keep)
            {
                File.Copy(path, keep, overwrite: true);
            }

            File.Delete(path);
        }
    }

    [Fact]
    public async Task An_unknown_language_is_a_400_problem()
    {
        using var response = await app.Http.GetAsync("api/dashboard?lang=fr&code=" + DashboardAppFixture.ViewerKey);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("lang", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_dashboard_and_its_language_parameter()
    {
        var document = await app.GetJsonAsync("api/openapi.json");
        var operation = document.GetProperty("paths").GetProperty("/api/dashboard").GetProperty("get");
        Assert.Equal("GetDashboard", operation.GetProperty("operationId").GetString());
        var lang = operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "lang");
        Assert.Equal(["en", "zh"], lang.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Contains("text/html", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
        var content = operation.GetProperty("responses").GetProperty("200").GetProperty("content");
        Assert.Equal(["text/html"], content.EnumerateObject().Select(p => p.Name).ToArray());
    }

    private static string Pct(JsonElement element, string name) =>
        element.GetProperty(name).GetDouble().ToString("0.0", CultureInfo.InvariantCulture);
}
