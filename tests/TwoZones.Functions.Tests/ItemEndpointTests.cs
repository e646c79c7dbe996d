using System.Net;
using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests;

/// <summary>
/// Reading and moving items over real HTTP against the app and Azurite. Each test that writes uses its own items (see
/// <see cref="TestCatalogues.Small"/>); T021–T030 (P03, BMSTC) are never written, so listings of them are stable.
/// </summary>
[Collection(SeededAppCollection.Name)]
public sealed class ItemEndpointTests(SeededAppFixture app)
{
    [Fact]
    public async Task Item_detail_matches_the_contract_and_its_etag_is_the_version()
    {
        using var response = await app.GetAsync("api/tasks/T021");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("T021", item.GetProperty("id").GetString());
        Assert.Equal("task", item.GetProperty("kind").GetString());
        Assert.Equal("P03", item.GetProperty("programme").GetString());
        Assert.Equal("改革事项 T021", item.GetProperty("titleZh").GetString());
        Assert.Equal("BMSTC", item.GetProperty("leadAgency").GetString());
        Assert.Equal("Proposed", item.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("commencedOn").ValueKind);
        Assert.Equal(JsonValueKind.Null, item.GetProperty("completedOn").ValueKind);
        Assert.Equal("2099-01-01", item.GetProperty("plannedCommencement").GetString());
        Assert.Equal("2099-12-31", item.GetProperty("plannedCompletion").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());
        Assert.EndsWith("Z", item.GetProperty("updatedAt").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(item.GetProperty("updatedBy").GetString()));
        var version = item.GetProperty("version").GetString();
        Assert.False(string.IsNullOrEmpty(version));
        Assert.Equal($"\"{version}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Unknown_items_and_items_of_the_other_kind_are_404()
    {
        await Problems.AssertAsync(await app.GetAsync("api/tasks/T999"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/measures/T001"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/tasks/P01-M001"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await app.GetAsync("api/tasks/T999/history"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T999/status", ApiKeys.Coordinator, new { status = "Commenced" }), HttpStatusCode.NotFound);
        var measure = await app.GetJsonAsync("api/measures/P01-M002");
        Assert.Equal("measure", measure.GetProperty("kind").GetString());
        Assert.Equal(new[] { "T001" }, measure.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()!).ToArray());
    }

    [Fact]
    public async Task An_official_moves_an_item_of_their_agency_and_progress_and_history_follow_at_once()
    {
        var before = await app.GetJsonAsync("api/progress?kind=task");
        var item = await app.GetJsonAsync("api/tasks/T002");
        using var response = await app.PostStatusAsync(
            "api/tasks/T002/status", ApiKeys.Commerce, new { status = "Commenced", effectiveDate = TestCatalogues.Today(), note = "kick-off held", evidenceUrl = "https://example.org/minutes" },
            ifMatch: $"\"{item.GetProperty("version").GetString()}\"");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var updated = JsonDocument.Parse(text).RootElement;
        Assert.Equal("Commenced", updated.GetProperty("status").GetString());
        Assert.Equal(TestCatalogues.Today(), updated.GetProperty("commencedOn").GetString());
        Assert.NotEqual(item.GetProperty("version").GetString(), updated.GetProperty("version").GetString());
        Assert.Equal($"\"{updated.GetProperty("version").GetString()}\"", response.Headers.ETag?.ToString());

        var after = await app.GetJsonAsync("api/progress?kind=task");
        Assert.Equal(before.GetProperty("proposed").GetInt32() - 1, after.GetProperty("proposed").GetInt32());
        Assert.Equal(before.GetProperty("commenced").GetInt32() + 1, after.GetProperty("commenced").GetInt32());

        var history = await app.GetJsonAsync("api/tasks/T002/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        var entry = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal(1, entry.GetProperty("seq").GetInt32());
        Assert.Equal("Proposed", entry.GetProperty("from").GetString());
        Assert.Equal("Commenced", entry.GetProperty("to").GetString());
        Assert.Equal("kick-off held", entry.GetProperty("note").GetString());
        Assert.EndsWith("Z", entry.GetProperty("recordedAt").GetString(), StringComparison.Ordinal);
        Assert.Equal(64, entry.GetProperty("hash").GetString()!.Length);
        Assert.Equal(new string('0', 64), entry.GetProperty("prevHash").GetString());
    }

    [Fact]
    public async Task Disallowed_transitions_and_bad_dates_are_422_naming_the_current_status_and_allowed_targets()
    {
        var skip = await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T009/status", ApiKeys.Commerce, new { status = "Completed" }), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Proposed", skip.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("Commenced", skip.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Proposed", skip.GetProperty("currentStatus").GetString());
        Assert.Equal(new[] { "Commenced" }, skip.GetProperty("allowedTargets").EnumerateArray().Select(t => t.GetString()!).ToArray());

        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T009/status", ApiKeys.Commerce, new { status = "Commenced", effectiveDate = "2999-01-01" }),
            HttpStatusCode.UnprocessableEntity);
        var history = await app.GetJsonAsync("api/tasks/T009/history");
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Only_a_coordinator_reopens_a_completed_item()
    {
        var refused = await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T006/status", ApiKeys.Commerce, new { status = "Commenced", note = "found a gap" }), HttpStatusCode.Forbidden);
        Assert.Contains("T006", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var reopened = await app.PostStatusAsync("api/tasks/T006/status", ApiKeys.Coordinator, new { status = "Commenced", note = "audit found a gap" });
        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        var item = await app.GetJsonAsync("api/tasks/T006");
        Assert.Equal("Commenced", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Officials_may_not_move_items_of_another_agency_and_viewers_may_not_move_anything()
    {
        var wrongAgency = await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T016/status", ApiKeys.Commerce, new { status = "Commenced" }), HttpStatusCode.Forbidden);
        Assert.Contains("T016", wrongAgency.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await app.PostStatusAsync("api/tasks/T001/status", ApiKeys.Science, new { status = "Commenced" }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.PostStatusAsync("api/tasks/T016/status", ApiKeys.Viewer, new { status = "Commenced" }), HttpStatusCode.Forbidden);
        var item = await app.GetJsonAsync("api/tasks/T016");
        Assert.Equal("Proposed", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Measures_move_like_tasks()
    {
        using var response = await app.PostStatusAsync("api/measures/P01-M003/status", ApiKeys.Commerce, new { status = "Commenced" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await app.GetJsonAsync("api/measures/P01-M003/history");
        Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.True(history.GetProperty("chainValid").GetBoolean());
    }

    [Fact]
    public async Task The_same_idempotency_key_and_body_replays_the_first_answer_and_a_different_body_is_422()
    {
        var body = new { status = "Commenced", note = "first try" };
        using var first = await app.PostStatusAsync("api/tasks/T003/status", ApiKeys.Commerce, body, idempotencyKey: "retry-T003");
        using var second = await app.PostStatusAsync("api/tasks/T003/status", ApiKeys.Commerce, body, idempotencyKey: "retry-T003");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;
        var b = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(a.GetProperty("version").GetString(), b.GetProperty("version").GetString());
        Assert.Equal("Commenced", b.GetProperty("status").GetString());

        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T003/status", ApiKeys.Commerce, new { status = "Commenced", note = "another body" }, idempotencyKey: "retry-T003"),
            HttpStatusCode.UnprocessableEntity);

        var history = await app.GetJsonAsync("api/tasks/T003/history");
        Assert.Single(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Twenty_parallel_updates_with_one_if_match_give_exactly_one_200_and_nineteen_409_with_the_current_item()
    {
        var version = (await app.GetJsonAsync("api/tasks/T004")).GetProperty("version").GetString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            app.PostStatusAsync("api/tasks/T004/status", ApiKeys.Commerce, new { status = "Commenced", note = $"attempt {i}" }, ifMatch: $"\"{version}\"")));
        try
        {
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            var conflicts = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
            Assert.Equal(19, conflicts.Count);
            foreach (var conflict in conflicts)
            {
                var problem = await Problems.AssertAsync(conflict, HttpStatusCode.Conflict);
                Assert.Equal("Commenced", problem.GetProperty("current").GetProperty("status").GetString());
                Assert.Equal("T004", problem.GetProperty("current").GetProperty("id").GetString());
            }
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }

        var history = await app.GetJsonAsync("api/tasks/T004/history");
        Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.True(history.GetProperty("chainValid").GetBoolean());
    }

    [Fact]
    public async Task Racing_updates_without_if_match_never_produce_an_invalid_history()
    {
        var commence = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            app.PostStatusAsync("api/tasks/T007/status", ApiKeys.Commerce, new { status = "Commenced", note = $"commence {i}" })));
        var complete = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            app.PostStatusAsync("api/tasks/T007/status", ApiKeys.Coordinator, new { status = "Completed", note = $"complete {i}" })));
        var all = commence.Concat(complete).ToList();
        Assert.All(all, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
        Assert.Single(commence, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(complete, r => r.StatusCode == HttpStatusCode.OK);
        all.ForEach(r => r.Dispose());

        var history = await app.GetJsonAsync("api/tasks/T007/history");
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        var entries = history.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([1, 2], entries.Select(e => e.GetProperty("seq").GetInt32()).ToArray());
        Assert.Equal(new[] { "Commenced", "Completed" }, entries.Select(e => e.GetProperty("to").GetString()!).ToArray());
        Assert.Equal(entries[0].GetProperty("hash").GetString(), entries[1].GetProperty("prevHash").GetString());
    }

    [Fact]
    public async Task Malformed_bodies_wrong_types_oversized_bodies_and_long_idempotency_keys_are_rejected()
    {
        var malformed = await Problems.AssertAsync(
            await app.SendAsync(HttpMethod.Post, "api/tasks/T008/status", ApiKeys.Commerce, "{\"status\": \"Commenced\""), HttpStatusCode.BadRequest);
        Assert.True(malformed.TryGetProperty("errors", out _));

        var wrongType = await Problems.AssertAsync(
            await app.SendAsync(HttpMethod.Post, "api/tasks/T008/status", ApiKeys.Commerce, "{\"status\": 3, \"effectiveDate\": \"20.11.2026\"}"), HttpStatusCode.BadRequest);
        var errors = wrongType.GetProperty("errors");
        Assert.True(errors.TryGetProperty("status", out _));
        Assert.True(errors.TryGetProperty("effectiveDate", out _));

        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T008/status", ApiKeys.Commerce, new { status = "Started" }), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T008/status", ApiKeys.Commerce, new { status = "Commenced", note = new string('x', 70 * 1024) }),
            HttpStatusCode.RequestEntityTooLarge);
        await Problems.AssertAsync(
            await app.PostStatusAsync("api/tasks/T008/status", ApiKeys.Commerce, new { status = "Commenced" }, idempotencyKey: new string('k', 65)),
            HttpStatusCode.BadRequest);

        var history = await app.GetJsonAsync("api/tasks/T008/history");
        Assert.Empty(history.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Listing_filters_by_programme_agency_status_and_overdue()
    {
        var p03 = await app.GetJsonAsync("api/tasks?programme=P03&status=Proposed");
        Assert.Equal(Enumerable.Range(21, 10).Select(i => $"T{i:000}"), Ids(p03));
        Assert.Equal(JsonValueKind.Null, p03.GetProperty("continuationToken").ValueKind);

        var bmstc = await app.GetJsonAsync("api/tasks?agency=BMSTC&programme=P03");
        Assert.Equal(10, Ids(bmstc).Count);
        Assert.All(bmstc.GetProperty("items").EnumerateArray(), i => Assert.Equal("BMSTC", i.GetProperty("leadAgency").GetString()));

        var overdue = await app.GetJsonAsync("api/tasks?programme=P01&overdue=true");
        Assert.Contains("T001", Ids(overdue));
        Assert.All(overdue.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("overdue").GetBoolean()));
        Assert.Empty(Ids(await app.GetJsonAsync("api/tasks?programme=P03&overdue=true")));

        var measures = await app.GetJsonAsync("api/measures");
        Assert.Equal(5, Ids(measures).Count);
    }

    [Fact]
    public async Task Pages_chain_through_continuation_tokens_without_gaps_or_repeats()
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await app.GetJsonAsync("api/tasks?pageSize=7" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token)));
            var pageIds = Ids(page);
            Assert.InRange(pageIds.Count, 1, 7);
            ids.AddRange(pageIds);
            token = page.GetProperty("continuationToken").GetString();
            pages++;
        }
        while (token is not null && pages < 20);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => $"T{i:000}"), ids);
        await Problems.AssertAsync(await app.GetAsync("api/tasks?continuationToken=not-a-token"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.GetAsync("api/tasks?pageSize=0"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.GetAsync("api/tasks?pageSize=201"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.GetAsync("api/tasks?status=Started"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.GetAsync("api/tasks?overdue=maybe"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("programme", "P03' or 'a' eq 'a")]
    [InlineData("programme", "P03\" or \"a\" eq \"a")]
    [InlineData("agency", "BMSTC' or PartitionKey ne '")]
    [InlineData("agency", "x' or true or '")]
    [InlineData("programme", "P０3")]
    [InlineData("programme", "P03 eq P03")]
    [InlineData("agency", "BMSTC') or (RowKey ne '")]
    [InlineData("programme", "' or Programme ge '")]
    public async Task Filter_injection_is_refused_rather_than_answered(string parameter, string value)
    {
        // A value that cannot be an id names nothing in the catalogue: refused, so it can neither widen nor probe a result.
        await Problems.AssertAsync(await app.GetAsync($"api/tasks?{parameter}={Uri.EscapeDataString(value)}"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_history_row_edited_in_storage_breaks_the_chain_at_that_entry()
    {
        using (var moved = await app.PostStatusAsync("api/tasks/T010/status", ApiKeys.Commerce, new { status = "Commenced", note = "original note" }))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        }

        Assert.True((await app.GetJsonAsync("api/tasks/T010/history")).GetProperty("chainValid").GetBoolean());

        var table = new Azure.Data.Tables.TableServiceClient(app.Azurite.ConnectionString).GetTableClient("Items");
        var row = Assert.Single(table.Query<Azure.Data.Tables.TableEntity>(e => e.PartitionKey == "T010" && e.RowKey.CompareTo("h-") > 0 && e.RowKey.CompareTo("h.") < 0));
        row["Note"] = "edited after the fact";
        await table.UpdateEntityAsync(row, row.ETag, Azure.Data.Tables.TableUpdateMode.Replace);

        var history = await app.GetJsonAsync("api/tasks/T010/history");
        Assert.False(history.GetProperty("chainValid").GetBoolean());
        Assert.Equal(1, history.GetProperty("firstBrokenSeq").GetInt32());
        Assert.Equal("edited after the fact", history.GetProperty("items")[0].GetProperty("note").GetString());
    }

    private static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
}
