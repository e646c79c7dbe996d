using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Workflows.Tests;

public sealed partial class DigestTests(DigestFixture fixture) : IClassFixture<DigestFixture>
{
    private WorkflowApp App => fixture.App;

    [Fact]
    public async Task The_digest_has_the_figures_of_the_progress_endpoint_and_deltas_against_last_weeks_snapshot()
    {
        var stored = await fixture.DigestAsync();
        var digest = stored.Digest;
        var progress = fixture.ProgressAfter.RootElement;

        Assert.Equal(fixture.Week, digest.Week);
        Assert.Equal("digest-" + fixture.Week, fixture.Accepted.RootElement.GetProperty("id").GetString());
        Assert.Equal(751, digest.Totals.Total);
        Assert.Equal(progress.GetProperty("total").GetInt32(), digest.Totals.Total);
        Assert.Equal(progress.GetProperty("proposed").GetInt32(), digest.Totals.Proposed);
        Assert.Equal(progress.GetProperty("commenced").GetInt32(), digest.Totals.Commenced);
        Assert.Equal(progress.GetProperty("completed").GetInt32(), digest.Totals.Completed);
        Assert.Equal(progress.GetProperty("overdue").GetInt32(), digest.Totals.Overdue);
        Assert.Equal(progress.GetProperty("commencedPct").GetDouble(), digest.Totals.CommencedPct);
        Assert.Equal(progress.GetProperty("completedPct").GetDouble(), digest.Totals.CompletedPct);

        var programmes = progress.GetProperty("programmes").EnumerateArray().ToList();
        Assert.Equal(10, digest.Programmes.Count);
        Assert.Equal(programmes.Select(p => p.GetProperty("id").GetString()), digest.Programmes.Select(p => p.Id));
        foreach (var (expected, row) in programmes.Zip(digest.Programmes))
        {
            Assert.Equal(expected.GetProperty("total").GetInt32(), row.Total);
            Assert.Equal(expected.GetProperty("proposed").GetInt32(), row.Proposed);
            Assert.Equal(expected.GetProperty("commenced").GetInt32(), row.Commenced);
            Assert.Equal(expected.GetProperty("completed").GetInt32(), row.Completed);
            Assert.Equal(expected.GetProperty("completedPct").GetDouble(), row.CompletedPct);
        }

        // Compared with the snapshot taken before the week began, not with anything newer.
        var previous = fixture.PreviousReport;
        Assert.Equal(previous.AsOf, digest.PreviousAsOf);
        Assert.Equal(DigestDeltas.Between(digest.Totals, previous.Overall), digest.Deltas);
        Assert.NotEqual(0, digest.Deltas!.Commenced);
        var p01 = previous.Programmes.Single(p => p.Id == "P01");
        Assert.Equal(DigestDeltas.Between(digest.Programmes[0].Counts(), p01.Counts), digest.Programmes[0].Deltas);

        // Seeding recorded transitions this week; overdue items are grouped by agency.
        Assert.NotEmpty(digest.Moved);
        Assert.Equal(digest.Totals.Overdue, digest.OverdueByAgency.Sum(g => g.Items.Count));

        using var json = await App.GetJsonAsync($"api/digests/{fixture.Week}?format=json");
        Assert.Equal(digest.Totals.Completed, json.RootElement.GetProperty("totals").GetProperty("completed").GetInt32());
        Assert.Equal(digest.Deltas.Completed, json.RootElement.GetProperty("deltas").GetProperty("completed").GetInt32());
        Assert.True(json.RootElement.GetProperty("delivered").GetBoolean());
    }

    [Fact]
    public async Task Chinese_and_English_renderings_carry_the_same_figures()
    {
        var stored = await fixture.DigestAsync();
        var t = stored.Digest.Totals;
        var totalsRow = string.Create(CultureInfo.InvariantCulture, $"|{t.Total}|{t.Proposed}|{t.Commenced}|{t.Completed}|{t.Overdue}|{t.CommencedPct:0.0}|{t.CompletedPct:0.0}|");

        var mdEn = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=en", "text/markdown");
        var mdZh = await TextAsync("api/digests/latest?format=md&lang=zh", "text/markdown");
        Assert.Contains("weekly", mdEn, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("周报", mdZh, StringComparison.Ordinal);
        Assert.Contains(totalsRow, mdEn, StringComparison.Ordinal);
        Assert.Contains(totalsRow, mdZh, StringComparison.Ordinal);
        Assert.Equal(ProgrammeFigures(mdEn), ProgrammeFigures(mdZh));
        Assert.Equal(10, ProgrammeFigures(mdEn).Count);

        var htmlEn = await TextAsync($"api/digests/{fixture.Week}?format=html&lang=en", "text/html");
        var htmlZh = await TextAsync($"api/digests/{fixture.Week}?format=html&lang=zh", "text/html");
        var cellsEn = NumberCell().Matches(htmlEn).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(t.Total.ToString(CultureInfo.InvariantCulture), cellsEn);
        Assert.True(cellsEn.Count > 70, $"Only {cellsEn.Count} figures in the HTML.");
        Assert.Equal(cellsEn, NumberCell().Matches(htmlZh).Select(m => m.Groups[1].Value).ToList());
    }

    [Fact]
    public async Task The_digest_reminds_each_agency_of_its_stale_items_in_both_languages()
    {
        var stored = await fixture.DigestAsync();
        var digest = stored.Digest;
        Assert.Equal(90, digest.StalePeriodDays);
        var staleCount = fixture.ProgressAfter.RootElement.GetProperty("stale").GetInt32();
        Assert.True(staleCount > 0, "The sample catalogue has commenced items without news since 2026-11-20 minus 90 days and earlier.");
        var reminders = digest.StaleByAgency!;
        Assert.Equal(staleCount, reminders.Sum(g => g.Items.Count));

        var group = reminders[0];
        var first = group.Items[0];
        Assert.True(first.QuietDays >= 90);
        Assert.All(group.Items, i => Assert.Equal(group.AgencyId, i.LeadAgency));
        using (var item = await App.GetJsonAsync($"api/{(first.Kind == ItemKind.Task ? "tasks" : "measures")}/{first.Id}"))
        {
            Assert.True(item.RootElement.GetProperty("stale").GetBoolean());
            Assert.Equal("Commenced", item.RootElement.GetProperty("status").GetString());
        }

        var mdEn = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=en", "text/markdown");
        var mdZh = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=zh", "text/markdown");
        var reminderEn = mdEn[mdEn.IndexOf("## Reminders", StringComparison.Ordinal)..];
        var reminderZh = mdZh[mdZh.IndexOf("## 提醒", StringComparison.Ordinal)..];
        Assert.Contains($"- {first.Id} {first.TitleEn.Replace("_", "\\_", StringComparison.Ordinal)}", reminderEn, StringComparison.Ordinal);
        Assert.Contains($"- {first.Id} ", reminderZh, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{first.QuietDays} days ago"), reminderEn, StringComparison.Ordinal);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"已 {first.QuietDays} 天"), reminderZh, StringComparison.Ordinal);
        var htmlZh = await TextAsync($"api/digests/{fixture.Week}?format=html&lang=zh", "text/html");
        Assert.Contains("提醒：已启动但久未更新的事项", htmlZh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicators_actual_moves_its_progress_against_target_in_the_digest_in_both_languages()
    {
        var stored = await fixture.DigestAsync();
        var indicators = stored.Digest.Indicators!;
        var projects = indicators.Single(i => i.Id == "2024-INV-PROJECTS");
        Assert.Equal(8085m, projects.Actual);
        Assert.Equal(105.0, projects.ProgressPct);
        Assert.True(projects.Met);
        Assert.Equal(11, stored.Digest.Indicators!.Count);

        var mdEn = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=en", "text/markdown");
        var mdZh = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=zh", "text/markdown");
        Assert.Contains("|2024 New projects in the Two Zones investment database|7,700|8,085|2024|105.0% (met)|", mdEn, StringComparison.Ordinal);
        Assert.Contains("|2024 “两区”项目库新增入库项目|7,700|8,085|2024|105.0% （已达成）|", mdZh, StringComparison.Ordinal);
        Assert.Contains("|2024 Expected investment of the new projects|CNY 970 bn|not reported yet|–|–|", mdEn, StringComparison.Ordinal);
        Assert.Contains("|2024 新增入库项目预计投资额|9,700 亿元|尚未报送|–|–|", mdZh, StringComparison.Ordinal);
        Assert.Contains("|2023 Landing rate of the projects (derived)|–|77.4%|2023|–|", mdEn, StringComparison.Ordinal);

        using var json = await App.GetJsonAsync($"api/digests/{fixture.Week}?format=json");
        var fromJson = json.RootElement.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "2024-INV-PROJECTS");
        Assert.Equal(105.0, fromJson.GetProperty("progressPct").GetDouble());
    }

    [Fact]
    public async Task The_webhook_gets_exactly_one_delivery_per_week_with_the_idempotency_key()
    {
        var stored = await fixture.DigestAsync();
        await Eventually.TrueAsync(() => Task.FromResult(fixture.Receiver.Deliveries.Count > 0), "the webhook delivery");

        using var again = await App.SendAsync(HttpMethod.Post, "api/digests", WorkflowApp.CoordinatorKey);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        using (var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync()))
        {
            Assert.Equal("digest-" + fixture.Week, body.RootElement.GetProperty("id").GetString());
            Assert.False(body.RootElement.GetProperty("started").GetBoolean());
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var delivery = Assert.Single(fixture.Receiver.Deliveries);
        Assert.Equal("digest-" + fixture.Week, delivery.IdempotencyKey);
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
        using var payload = JsonDocument.Parse(delivery.Body);
        Assert.Equal(fixture.Week, payload.RootElement.GetProperty("week").GetString());
        Assert.Equal(stored.Digest.Totals.Completed, payload.RootElement.GetProperty("totals").GetProperty("completed").GetInt32());
        Assert.Equal(stored.Markdown(DigestLanguage.En), payload.RootElement.GetProperty("markdown").GetString());

        var after = await App.Digests.GetAsync(fixture.Week);
        Assert.True(after!.Delivery.Delivered);
        Assert.Equal(1, after.Delivery.Attempts);
        Assert.Null(after.Delivery.LastError);
    }

    [Fact]
    public async Task The_digest_endpoints_check_the_week_the_format_and_the_caller()
    {
        await fixture.DigestAsync();
        using (var malformed = await App.SendAsync(HttpMethod.Get, "api/digests/2026-W77", WorkflowApp.ViewerKey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Equal("application/problem+json", malformed.Content.Headers.ContentType?.MediaType);
        }

        using (var none = await App.SendAsync(HttpMethod.Get, "api/digests/2020-W01", WorkflowApp.ViewerKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        }

        using (var badFormat = await App.SendAsync(HttpMethod.Get, "api/digests/latest?format=pdf", WorkflowApp.ViewerKey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        }

        using (var anonymous = await App.SendAsync(HttpMethod.Get, "api/digests/latest", key: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        using var viewerPost = await App.SendAsync(HttpMethod.Post, "api/digests", WorkflowApp.ViewerKey);
        Assert.Equal(HttpStatusCode.Forbidden, viewerPost.StatusCode);
    }

    [Fact]
    public async Task The_digest_seals_the_history_and_prints_the_seal_in_both_languages()
    {
        var stored = await fixture.DigestAsync();
        var seal = stored.Digest.Seal;
        Assert.NotNull(seal);
        Assert.Equal("digest " + fixture.Week, seal.Reason);
        Assert.Equal(751, seal.ItemCount);

        using var listed = await App.GetJsonAsync($"api/seals/{seal.Seq}");
        Assert.Equal(seal.Hash, listed.RootElement.GetProperty("hash").GetString());
        using var verified = await App.GetJsonAsync($"api/verify?seal={seal.Hash}");
        Assert.True(verified.RootElement.GetProperty("consistent").GetBoolean(), verified.RootElement.ToString());

        var mdEn = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=en", "text/markdown");
        var mdZh = await TextAsync($"api/digests/{fixture.Week}?format=md&lang=zh", "text/markdown");
        var htmlZh = await TextAsync($"api/digests/{fixture.Week}?format=html&lang=zh", "text/html");
        Assert.Contains("## History seal", mdEn, StringComparison.Ordinal);
        Assert.Contains("## 历史记录封存", mdZh, StringComparison.Ordinal);
        foreach (var text in new[] { mdEn, mdZh, htmlZh })
        {
            Assert.Contains(seal.Hash, text, StringComparison.Ordinal);
            Assert.Contains(seal.Root, text, StringComparison.Ordinal);
        }
    }

    private async Task<string> TextAsync(string path, string mediaType)
    {
        using var response = await App.SendAsync(HttpMethod.Get, path, WorkflowApp.ViewerKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The figures of each programme row (everything after the name cell).</summary>
    private static List<string> ProgrammeFigures(string markdown) =>
        markdown.Split('\n')
            .Where(line => Regex.IsMatch(line, @"^\|P\d\d "))
            .Select(line => line[line.IndexOf('|', 1)..])
            .ToList();

    [GeneratedRegex("<td class=\"n\">([^<]*)</td>")]
    private static partial Regex NumberCell();
}

internal static class DigestRowExtensions
{
    public static Core.Progress.ProgressCounts Counts(this DigestProgrammeRow row) =>
        new(row.Total, row.Proposed, row.Commenced, row.Completed, row.Overdue);
}
