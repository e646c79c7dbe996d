using System.Net;
using System.Text;
using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests.Offices;

/// <summary><c>POST /api/status-updates</c>: sheets of status changes, each row through the rules of a single <c>POST .../status</c>.</summary>
[Collection(OfficeAppCollection.Name)]
public sealed class StatusUpdateTests(OfficeAppFixture app)
{
    private static readonly string Today = TestCatalogues.Today();

    [Fact]
    public async Task An_edited_export_applies_exactly_what_the_rules_allow_and_lists_every_row()
    {
        // A coordinator's export of P02 (T011–T020, all Proposed), edited in a spreadsheet.
        var rows = SheetFiles.ReadCsv(await app.GetBytesAsync("api/export?format=csv&kind=task&programme=P02"));
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        string[] Row(string id) => rows.Single(r => r[0] == id);
        Row("T011")[Col("status")] = "Commenced";
        Row("T011")[Col("effectiveDate")] = "2026-01-05";
        Row("T011")[Col("note")] = "=kick-off held";
        Row("T012")[Col("status")] = "Completed";
        Row("T013")[Col("status")] = "Commenced";
        Row("T013")[Col("effectiveDate")] = "2999-01-01";

        using var response = await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, SheetFiles.WriteCsv(rows), "text/csv");
        var report = await ReadReportAsync(response);
        Assert.Equal(1, report.GetProperty("applied").GetInt32());
        Assert.Equal(2, report.GetProperty("refused").GetInt32());
        Assert.Equal(7, report.GetProperty("unchanged").GetInt32());
        var outcomes = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(Enumerable.Range(2, 10), report.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("row").GetInt32()));
        Assert.Equal("applied", outcomes["T011"].GetProperty("outcome").GetString());
        Assert.Equal("Commenced", outcomes["T011"].GetProperty("status").GetString());
        Assert.Equal("refused", outcomes["T012"].GetProperty("outcome").GetString());
        Assert.Equal(422, outcomes["T012"].GetProperty("code").GetInt32());
        Assert.Contains("Proposed", outcomes["T012"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("refused", outcomes["T013"].GetProperty("outcome").GetString());
        Assert.Equal("unchanged", outcomes["T014"].GetProperty("outcome").GetString());

        // Applied once, with the note as written (the apostrophe is the export's, not the office's), and the chain holds.
        var history = await app.GetJsonAsync("api/tasks/T011/history");
        var entry = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.Equal("2026-01-05", entry.GetProperty("effectiveDate").GetString());
        Assert.Equal("=kick-off held", entry.GetProperty("note").GetString());
        Assert.True(history.GetProperty("chainValid").GetBoolean());
        Assert.Equal("Proposed", (await app.GetJsonAsync("api/tasks/T012")).GetProperty("status").GetString());

        // The tracker hears of it as it does of a single update: the item's orchestration shows the new stage.
        await FunctionsAppFixture.WaitUntilAsync(
            async () =>
            {
                using var instance = await app.GetAsync("runtime/webhooks/durabletask/instances/T011", ApiKeys.Coordinator);
                var body = JsonDocument.Parse(await instance.Content.ReadAsStringAsync()).RootElement;
                return body.TryGetProperty("customStatus", out var custom) && custom.ValueKind == JsonValueKind.Object
                    && custom.GetProperty("Stage").GetString() == "Commenced";
            },
            TimeSpan.FromSeconds(60),
            "the tracker of T011 to mirror Commenced");
    }

    [Fact]
    public async Task An_official_gets_the_same_agency_scoping_as_for_a_single_update()
    {
        // T016 and T017 are led by BMSTC; T015 by the commerce bureau.
        var sheet = SheetFiles.WriteXlsx([["id", "status", "effectiveDate"], ["T015", "Commenced", Today], ["T016", "Commenced", Today], ["T099", "Commenced", Today]]);
        using var response = await app.PostFileAsync("api/status-updates", ApiKeys.Commerce, sheet, SheetFiles.XlsxType);
        var report = await ReadReportAsync(response);
        var outcomes = report.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal("applied", outcomes["T015"].GetProperty("outcome").GetString());
        Assert.Equal(403, outcomes["T016"].GetProperty("code").GetInt32());
        Assert.Equal(404, outcomes["T099"].GetProperty("code").GetInt32());

        // The single path refuses T016 with the same words.
        var single = await Problems.AssertAsync(await app.PostStatusAsync("api/tasks/T016/status", ApiKeys.Commerce, new { status = "Commenced" }), HttpStatusCode.Forbidden);
        Assert.Equal(single.GetProperty("detail").GetString(), outcomes["T016"].GetProperty("reason").GetString());

        await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Viewer, sheet, SheetFiles.XlsxType), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_re_upload_with_the_same_idempotency_key_is_a_no_op_and_another_file_with_it_is_422()
    {
        var sheet = SheetFiles.WriteCsv([["id", "status", "note"], ["T021", "Commenced", "from the sheet"], ["T022", "Commenced", ""]]);
        void Key(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "upload-2026-12-01-a");
        var first = await ReadReportAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, sheet, "text/csv", Key));
        Assert.Equal(2, first.GetProperty("applied").GetInt32());

        var again = await ReadReportAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, sheet, "text/csv", Key));
        Assert.Equal(first.ToString(), again.ToString());
        Assert.Single((await app.GetJsonAsync("api/tasks/T021/history")).GetProperty("items").EnumerateArray());

        var other = SheetFiles.WriteCsv([["id", "status"], ["T023", "Commenced"]]);
        await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, other, "text/csv", Key), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Proposed", (await app.GetJsonAsync("api/tasks/T023")).GetProperty("status").GetString());

        // Without the stored answer (a first attempt that died), the rows' own keys still apply nothing twice.
        var sameRowsNewOrder = SheetFiles.WriteCsv([["id", "status", "note"], ["T022", "Commenced", ""], ["T021", "Commenced", "from the sheet"]]);
        void OtherKey(HttpRequestMessage r) => r.Headers.Add("Idempotency-Key", "upload-2026-12-01-b");
        var third = await ReadReportAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, sameRowsNewOrder, "text/csv", OtherKey));
        Assert.Equal(2, third.GetProperty("unchanged").GetInt32());
        Assert.Single((await app.GetJsonAsync("api/tasks/T022/history")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_sheet_with_malformed_rows_is_rejected_whole_listing_every_row_and_column_and_nothing_is_applied()
    {
        var sheet = SheetFiles.WriteCsv(
        [
            ["id", "status", "effectiveDate", "note", "evidenceUrl"],
            ["T024", "Commenced", Today, "", ""],
            ["T025", "commenced", "", "", ""],
            ["T026", "Commenced", "01/12/2026", "", "ftp://example.org/x"],
            ["X1", "Commenced", "", "", ""],
            ["T024", "Completed", "", "", ""],
            ["T027", "", "", "", ""],
        ]);
        var problem = await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, sheet, "text/csv"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var key in (string[])["row 3.status", "row 4.effectiveDate", "row 4.evidenceUrl", "row 5.id", "row 6.id", "row 7.status"])
        {
            Assert.True(errors.TryGetProperty(key, out _), $"{key} missing from {errors}");
        }

        Assert.Equal(6, problem.GetProperty("errorCount").GetInt32());
        Assert.Equal("Proposed", (await app.GetJsonAsync("api/tasks/T024")).GetProperty("status").GetString());

        await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, Encoding.UTF8.GetBytes("identifier,state\nT024,Commenced\n"), "text/csv"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, sheet, "application/json"), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertAsync(await app.PostFileAsync("api/status-updates", ApiKeys.Coordinator, new byte[(4 * 1024 * 1024) + 1], "text/csv"), HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<JsonElement> ReadReportAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, text);
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
