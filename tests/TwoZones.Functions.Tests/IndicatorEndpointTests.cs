using System.Net;
using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;
using TwoZones.Functions.Tests.Offices;

namespace TwoZones.Functions.Tests;

/// <summary>Indicators over HTTP on Azurite: the sample figures, reporting actuals (roles, idempotency, history), progress against target.</summary>
public sealed class IndicatorEndpointTests(IndicatorAppFixture app) : IClassFixture<IndicatorAppFixture>
{
    [Fact]
    public async Task The_sample_file_ships_the_public_targets_and_the_2023_results_with_derived_landing_rates()
    {
        Assert.Equal(11, app.FirstImport.GetProperty("created").GetInt32());
        var items = (await app.GetJsonAsync("api/indicators")).GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(11, items.Count);
        Assert.Equal(7700m, items["2024-INV-PROJECTS"].GetProperty("target").GetDecimal());
        Assert.Equal(970m, items["2024-INV-AMOUNT"].GetProperty("target").GetDecimal());
        Assert.Equal("cny-billion", items["2024-INV-AMOUNT"].GetProperty("unit").GetString());
        Assert.Equal(50m, items["2024-INV-LANDING-RATE"].GetProperty("target").GetDecimal());
        Assert.Equal(800m, items["2024-FDI-PROJECTS"].GetProperty("target").GetDecimal());
        Assert.Equal(550m, items["2024-FDI-LANDED"].GetProperty("target").GetDecimal());

        // 550 / 800 as the derived rate's target, and 8,512 / 11,000 as 2023's landing rate.
        Assert.Equal(68.8m, items["2024-FDI-LANDING-RATE"].GetProperty("target").GetDecimal());
        var rate2023 = items["2023-INV-LANDING-RATE"];
        Assert.True(rate2023.GetProperty("derived").GetBoolean());
        Assert.Equal(77.4m, rate2023.GetProperty("actual").GetDecimal());
        Assert.Equal("2023", rate2023.GetProperty("actualPeriod").GetString());
        Assert.Equal(11000m, items["2023-INV-PROJECTS"].GetProperty("actual").GetDecimal());
        Assert.Equal(1300m, items["2023-INV-AMOUNT"].GetProperty("actual").GetDecimal());
        Assert.Equal(JsonValueKind.Null, items["2024-INV-AMOUNT"].GetProperty("actual").ValueKind);
        Assert.Contains("Public reports", items["2024-INV-PROJECTS"].GetProperty("source").GetString(), StringComparison.Ordinal);

        var history = await app.GetJsonAsync("api/indicators/2023-INV-LANDED/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        Assert.Equal(8512m, Assert.Single(history.GetProperty("items").EnumerateArray()).GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Importing_the_sample_again_changes_nothing()
    {
        using var response = await app.PostIndicatorsAsync(IndicatorAppFixture.SampleFile);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, body.GetProperty("created").GetInt32());
        Assert.Equal(11, body.GetProperty("unchanged").GetInt32());
        var history = await app.GetJsonAsync("api/indicators/2023-INV-PROJECTS/history");
        Assert.Single(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_officials_actuals_move_progress_against_target_in_the_indicator_and_in_progress_and_a_correction_replaces_the_period()
    {
        using (var first = await app.PostStatusAsync("api/indicators/2024-FDI-PROJECTS/actuals", ApiKeys.Commerce, new { period = "2024-06", value = 400, note = "half-year figure" }))
        {
            var body = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
            Assert.True(first.StatusCode == HttpStatusCode.OK, body.ToString());
            Assert.Equal(400m, body.GetProperty("actual").GetDecimal());
            Assert.Equal(50.0, body.GetProperty("progressPct").GetDouble());
            Assert.False(body.GetProperty("met").GetBoolean());
        }

        using (var landed = await app.PostStatusAsync("api/indicators/2024-FDI-LANDED/actuals", ApiKeys.Commerce, new { period = "2024-06", value = 300 }))
        {
            Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        }

        using (var correction = await app.PostStatusAsync("api/indicators/2024-FDI-PROJECTS/actuals", ApiKeys.Coordinator, new { period = "2024-06", value = 480, note = "corrected" }))
        {
            Assert.Equal(HttpStatusCode.OK, correction.StatusCode);
        }

        var progress = await app.GetJsonAsync("api/progress");
        var byId = progress.GetProperty("indicators").EnumerateArray().ToDictionary(i => i.GetProperty("id").GetString()!);
        Assert.Equal(480m, byId["2024-FDI-PROJECTS"].GetProperty("actual").GetDecimal());
        Assert.Equal(60.0, byId["2024-FDI-PROJECTS"].GetProperty("progressPct").GetDouble());
        Assert.Equal(62.5m, byId["2024-FDI-LANDING-RATE"].GetProperty("actual").GetDecimal());
        Assert.Equal("2024-06", byId["2024-FDI-LANDING-RATE"].GetProperty("actualPeriod").GetString());
        Assert.Equal(90.8, byId["2024-FDI-LANDING-RATE"].GetProperty("progressPct").GetDouble());

        var history = await app.GetJsonAsync("api/indicators/2024-FDI-PROJECTS/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([400m, 480m], entries.Select(e => e.GetProperty("value").GetDecimal()));
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("prevHash").GetString());
        Assert.Equal("Demo Official (Commerce Bureau)", entries[0].GetProperty("actor").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_as_before_and_records_once_and_another_body_is_refused()
    {
        var body = new { period = "2024-03", value = 1200 };
        using (var first = await app.PostStatusAsync("api/indicators/2024-INV-PROJECTS/actuals", ApiKeys.Commerce, body, idempotencyKey: "inv-q1-report"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var retry = await app.PostStatusAsync("api/indicators/2024-INV-PROJECTS/actuals", ApiKeys.Commerce, body, idempotencyKey: "inv-q1-report"))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        }

        using (var other = await app.PostStatusAsync("api/indicators/2024-INV-PROJECTS/actuals", ApiKeys.Commerce, new { period = "2024-03", value = 1300 }, idempotencyKey: "inv-q1-report"))
        {
            var problem = await Problems.AssertAsync(other, HttpStatusCode.UnprocessableEntity);
            Assert.EndsWith("idempotency-key-reused", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        var history = await app.GetJsonAsync("api/indicators/2024-INV-PROJECTS/history");
        Assert.Single(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("period").GetString() == "2024-03");
    }

    [Theory]
    [InlineData(ApiKeys.Viewer, "2024-INV-AMOUNT", "{\"period\":\"2024\",\"value\":10}", HttpStatusCode.Forbidden)]
    [InlineData(ApiKeys.Science, "2024-INV-AMOUNT", "{\"period\":\"2024\",\"value\":10}", HttpStatusCode.Forbidden)]
    [InlineData(ApiKeys.Commerce, "2024-INV-LANDING-RATE", "{\"period\":\"2024\",\"value\":10}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"period\":\"2023\",\"value\":10}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"period\":\"2024-Q5\",\"value\":10}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"period\":\"2024\",\"value\":-1}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(ApiKeys.Commerce, "2024-INV-PROJECTS", "{\"period\":\"2024\",\"value\":10.5}", HttpStatusCode.UnprocessableEntity)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"period\":\"2024\",\"value\":\"10\"}", HttpStatusCode.BadRequest)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"value\":10}", HttpStatusCode.BadRequest)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "{\"period\":\"2024\",\"value\":10,\"evidenceUrl\":\"ftp://x\"}", HttpStatusCode.BadRequest)]
    [InlineData(ApiKeys.Commerce, "2024-INV-AMOUNT", "[1]", HttpStatusCode.BadRequest)]
    [InlineData(ApiKeys.Commerce, "NO-SUCH-INDICATOR", "{\"period\":\"2024\",\"value\":10}", HttpStatusCode.NotFound)]
    public async Task A_report_that_is_not_allowed_is_a_problem_and_records_nothing(string key, string id, string body, HttpStatusCode expected)
    {
        using var response = await app.SendAsync(HttpMethod.Post, $"api/indicators/{id}/actuals", key, body);
        await Problems.AssertAsync(response, expected);
        if (expected != HttpStatusCode.NotFound)
        {
            var history = await app.GetJsonAsync($"api/indicators/{id}/history");
            Assert.DoesNotContain(history.GetProperty("items").EnumerateArray(), e => e.GetProperty("value").GetDecimal() is 10m or -1m or 10.5m);
        }
    }

    [Fact]
    public async Task Only_a_coordinator_imports_and_a_file_with_errors_is_refused_whole()
    {
        using (var byOfficial = await app.PostIndicatorsAsync(IndicatorAppFixture.SampleFile, ApiKeys.Commerce))
        {
            await Problems.AssertAsync(byOfficial, HttpStatusCode.Forbidden);
        }

        const string Faulty = """
            { "indicators": [
              { "id": "2025-GOOD", "year": 2025, "nameEn": "Good", "nameZh": "好", "unit": "count", "target": 5, "leadAgency": "BMCB" },
              { "id": "2025-BAD-UNIT", "year": 2025, "nameEn": "Bad", "nameZh": "坏", "unit": "furlongs", "leadAgency": "BMCB" },
              { "id": "2025-RATE", "year": 2025, "nameEn": "Rate", "nameZh": "率", "unit": "percent", "leadAgency": "BMCB", "numerator": "2025-GOOD", "denominator": "2099-MISSING" },
              { "id": "2025-OUT", "year": 2025, "nameEn": "Out", "nameZh": "外", "unit": "count", "leadAgency": "BMCB", "actuals": [ { "period": "2024", "value": 1 } ] }
            ] }
            """;
        using (var faulty = await app.PostIndicatorsAsync(Faulty))
        {
            var problem = await Problems.AssertAsync(faulty, HttpStatusCode.UnprocessableEntity);
            Assert.Equal(3, problem.GetProperty("errorCount").GetInt32());
            var fields = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
            Assert.Contains("2025-BAD-UNIT.unit", fields);
            Assert.Contains("2025-RATE.denominator", fields);
            Assert.Contains("2025-OUT.actuals[0]", fields);
        }

        using (var malformed = await app.PostIndicatorsAsync("{\"indicators\": [ { \"id\": 5 } ]}"))
        {
            await Problems.AssertAsync(malformed, HttpStatusCode.BadRequest);
        }

        using var missing = await app.GetAsync("api/indicators/2025-GOOD");
        await Problems.AssertAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_commenced_item_without_news_for_90_days_is_stale_in_the_item_the_listings_and_progress()
    {
        var task = await app.GetJsonAsync("api/tasks/T005");
        Assert.True(task.GetProperty("stale").GetBoolean());
        Assert.False((await app.GetJsonAsync("api/tasks/T006")).GetProperty("stale").GetBoolean());
        Assert.False((await app.GetJsonAsync("api/tasks/T001")).GetProperty("stale").GetBoolean());

        var stale = await app.GetJsonAsync("api/tasks?stale=true");
        Assert.Equal(["T005"], stale.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToArray());
        var fresh = await app.GetJsonAsync("api/tasks?stale=false&pageSize=200");
        Assert.Equal(29, fresh.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(fresh.GetProperty("items").EnumerateArray(), i => i.GetProperty("stale").GetBoolean());
        Assert.Empty((await app.GetJsonAsync("api/measures?stale=true")).GetProperty("items").EnumerateArray());

        var progress = await app.GetJsonAsync("api/progress");
        Assert.Equal(1, progress.GetProperty("stale").GetInt32());
        Assert.Equal(90, progress.GetProperty("staleAfterDays").GetInt32());
        Assert.Equal(0, (await app.GetJsonAsync("api/progress?kind=measure")).GetProperty("stale").GetInt32());

        using var bad = await app.GetAsync("api/tasks?stale=maybe");
        await Problems.AssertAsync(bad, HttpStatusCode.BadRequest);

        // The export carries the same flag.
        using var export = await app.GetAsync("api/export?format=csv&kind=task");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var rows = SheetFiles.ReadCsv(await export.Content.ReadAsByteArrayAsync());
        var staleColumn = Array.IndexOf(rows[0], "stale");
        Assert.True(staleColumn > 0, string.Join(",", rows[0]));
        Assert.Equal(["T005"], rows.Skip(1).Where(r => r[staleColumn] == "true").Select(r => r[0]).ToArray());
        Assert.Equal(29, rows.Skip(1).Count(r => r[staleColumn] == "false"));
    }
}
