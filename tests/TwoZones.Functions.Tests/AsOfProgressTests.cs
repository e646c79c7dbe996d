using System.Globalization;
using System.Net;
using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary><c>?asOf=</c> on the progress routes, over HTTP on Azurite.</summary>
[Collection(SealedHistoryCollection.Name)]
public sealed class AsOfProgressTests(SealedHistoryFixture app)
{
    [Fact]
    public async Task A_past_day_reproduces_the_published_statement_and_says_the_figures_were_recorded_later()
    {
        // "Nearly 98% of the 251 tasks have commenced" as of 2024-08-21.
        var august = await app.GetJsonAsync("api/progress?kind=task&asOf=2024-08-21");
        Assert.Equal("2024-08-21", august.GetProperty("asOfDate").GetString());
        Assert.Equal("2024-08-21T16:00:00Z", august.GetProperty("asOf").GetString());
        Assert.Equal(251, august.GetProperty("total").GetInt32());
        Assert.Equal(246, august.GetProperty("commenced").GetInt32());
        Assert.Equal(0, august.GetProperty("completed").GetInt32());
        Assert.Equal(98.0, august.GetProperty("commencedPct").GetDouble());
        Assert.Equal(10, august.GetProperty("programmes").GetArrayLength());
        Assert.Equal(246, august.GetProperty("programmes").EnumerateArray().Sum(p => p.GetProperty("commenced").GetInt32()));

        // The import recorded those transitions in 2026: the history as it was at the end of that day said nothing had commenced.
        var late = august.GetProperty("lateCorrections");
        Assert.True(late.GetProperty("changed").GetBoolean());
        Assert.Equal(246, late.GetProperty("itemCount").GetInt32());
        Assert.Equal(100, late.GetProperty("items").GetArrayLength());
        Assert.Equal(0.0, late.GetProperty("asRecorded").GetProperty("commencedPct").GetDouble());

        // "Over 80% completed within one year".
        var july = await app.GetJsonAsync("api/progress?kind=task&asOf=2025-07-01");
        Assert.Equal(80.1, july.GetProperty("completedPct").GetDouble());
        Assert.Equal(99.2, july.GetProperty("commencedPct").GetDouble());

        var before = await app.GetJsonAsync("api/progress?kind=task&asOf=2023-01-01");
        Assert.Equal(251, before.GetProperty("proposed").GetInt32());
        Assert.False(before.GetProperty("lateCorrections").GetProperty("changed").GetBoolean());

        // The percentage is written with its one decimal, as in the current figures.
        var raw = await (await app.GetAsync("api/progress?kind=task&asOf=2024-08-21")).Content.ReadAsStringAsync();
        Assert.Contains("\"commencedPct\":98.0,", raw, StringComparison.Ordinal);

        var programmes = await app.GetJsonAsync("api/programmes?asOf=2024-08-21");
        Assert.Equal(246, programmes.EnumerateArray().Sum(p => p.GetProperty("progress").GetProperty("commenced").GetInt32()));
        var p01 = await app.GetJsonAsync("api/programmes/P01?asOf=2024-08-21");
        Assert.Equal(25, p01.GetProperty("progress").GetProperty("commenced").GetInt32());
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("21/08/2024")]
    [InlineData("yesterday")]
    public async Task A_malformed_day_is_a_problem(string asOf)
    {
        var problem = await Problems.AssertAsync(await app.GetAsync("api/progress?asOf=" + Uri.EscapeDataString(asOf)), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
        await Problems.AssertAsync(await app.GetAsync("api/programmes?asOf=" + Uri.EscapeDataString(asOf)), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_day_after_today_in_Beijing_is_a_problem()
    {
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var problem = await Problems.AssertAsync(await app.GetAsync("api/progress?asOf=" + future), HttpStatusCode.BadRequest);
        Assert.Contains("after today", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transition_recorded_later_with_an_earlier_effective_date_is_reported_as_a_late_correction()
    {
        var before = await app.GetJsonAsync("api/progress?kind=measure&asOf=2024-06-01");
        var commencedBefore = before.GetProperty("commenced").GetInt32();

        using var response = await app.PostStatusAsync("api/measures/P01-M001/status", ApiKeys.Commerce, new { status = "Commenced", effectiveDate = "2024-05-01", note = "kick-off held in May, reported late" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        JsonElement after = default;
        await FunctionsAppFixture.WaitUntilAsync(
            async () => (after = await app.GetJsonAsync("api/progress?kind=measure&asOf=2024-06-01")).GetProperty("commenced").GetInt32() == commencedBefore + 1,
            TimeSpan.FromSeconds(30),
            "the as-of figures to include the new transition");
        var late = after.GetProperty("lateCorrections");
        Assert.True(late.GetProperty("changed").GetBoolean());
        Assert.Contains("P01-M001", late.GetProperty("items").EnumerateArray().Select(i => i.GetString()));
        Assert.Equal(commencedBefore, late.GetProperty("asRecorded").GetProperty("commenced").GetInt32());

        // The day before the effective date is unchanged, and knows it.
        var april = await app.GetJsonAsync("api/progress?kind=measure&asOf=2024-04-30");
        Assert.DoesNotContain("P01-M001", april.GetProperty("lateCorrections").GetProperty("items").EnumerateArray().Select(i => i.GetString()));
    }
}
