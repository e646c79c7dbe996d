using System.Globalization;
using System.Text.Json;

namespace TwoZones.Dashboard.Tests;

/// <summary>The dashboard's date picker (<c>?asOf=</c>) and its latest seal, in real headless Chromium against the real app.</summary>
public sealed class DashboardAsOfAndSealTests(DashboardAppFixture app) : IClassFixture<DashboardAppFixture>
{
    private const string DashboardUrl = "api/dashboard?code=" + DashboardAppFixture.ViewerKey;

    [Fact]
    public async Task The_date_picker_shows_the_figures_at_the_end_of_a_past_day_and_a_link_leads_back_to_now()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        Assert.Equal(0, await page.Locator("#as-of-day").CountAsync());

        // The catalogue's items commenced on 2024-01-10: at the end of 2024-01-01 none had.
        await page.FillAsync("#as-of-date", "2024-01-01");
        await page.ClickAsync("#as-of-form button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("asOf=2024-01-01", StringComparison.Ordinal));
        Assert.Contains("code=" + DashboardAppFixture.ViewerKey, page.Url, StringComparison.Ordinal);

        var past = await app.GetJsonAsync("api/progress?asOf=2024-01-01");
        Assert.Equal(0, past.GetProperty("commenced").GetInt32());
        Assert.Equal(past.GetProperty("commenced").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-commenced"));
        Assert.Equal(Pct(past, "commencedPct") + "%", await page.InnerTextAsync("#overall-commenced-pct"));
        Assert.Contains("2024-01-01", await page.InnerTextAsync("#as-of-day"), StringComparison.Ordinal);
        Assert.Equal("2024-01-01", await page.InputValueAsync("#as-of-date"));
        Assert.Contains("asOf=2024-01-01", await page.GetAttributeAsync("#language-switch", "href"), StringComparison.Ordinal);

        await page.ClickAsync("#as-of-now");
        await page.WaitForURLAsync(url => !url.Contains("asOf=", StringComparison.Ordinal));
        var now = await app.GetJsonAsync("api/progress");
        Assert.Equal(now.GetProperty("commenced").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#count-commenced"));

        using var future = await app.Http.GetAsync(DashboardUrl + "&asOf=2999-01-01");
        Assert.Equal(400, (int)future.StatusCode);
    }

    [Fact]
    public async Task The_latest_seal_is_shown_with_its_hash_and_a_link_that_verifies_it()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(DashboardUrl);
        var latest = (await app.GetJsonAsync("api/seals")).GetProperty("items")[0];
        var seq = latest.GetProperty("seq").GetInt64().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(seq, await page.GetAttributeAsync("#seal-summary", "data-seq"));
        Assert.Equal(latest.GetProperty("hash").GetString(), await page.InnerTextAsync("#seal-hash"));
        Assert.Equal(latest.GetProperty("root").GetString(), await page.InnerTextAsync("#seal-root"));
        Assert.Contains(latest.GetProperty("itemCount").GetInt32().ToString(CultureInfo.InvariantCulture), await page.InnerTextAsync("#seal-summary"), StringComparison.Ordinal);

        await page.ClickAsync("#seal-verify");
        await page.WaitForURLAsync(url => url.Contains("/api/verify", StringComparison.Ordinal));
        var verification = JsonDocument.Parse(await page.InnerTextAsync("body")).RootElement;
        Assert.Equal(JsonValueKind.Object, verification.ValueKind);
        Assert.Contains("seal=" + seq, page.Url, StringComparison.Ordinal);
    }

    private static string Pct(JsonElement element, string name) =>
        element.GetProperty(name).GetDouble().ToString("0.0", CultureInfo.InvariantCulture);
}
