using System.Net;
using System.Text;
using System.Text.Json;
using TwoZones.Functions.Tests.Infrastructure;

namespace TwoZones.Functions.Tests.Offices;

/// <summary><c>GET /api/export</c> and importing the exported sheet through <c>POST /api/catalogue</c>, read back with CsvHelper and the Open XML SDK.</summary>
[Collection(OfficeAppCollection.Name)]
public sealed class ExportTests(OfficeAppFixture app)
{
    private static readonly string[] Columns =
    [
        "id", "kind", "programme", "titleEn", "titleZh", "leadAgency", "coAgencies", "district", "tasks", "plannedCommencement", "plannedCompletion",
        "status", "commencedOn", "completedOn", "overdue", "stale", "updatedAt", "updatedBy", "effectiveDate", "note", "evidenceUrl",
    ];

    [Fact]
    public async Task The_csv_export_is_utf8_with_a_bom_one_row_per_item_with_ids_and_fields_as_the_api_has_them()
    {
        using var response = await app.GetAsync("api/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(SheetFiles.HasUtf8Bom(bytes));

        var rows = SheetFiles.ReadCsv(bytes);
        Assert.Equal(Columns, rows[0]);
        var byId = rows.Skip(1).ToDictionary(r => r[0]);
        Assert.Subset(byId.Keys.ToHashSet(), OfficeAppFixture.Catalogue().Items.Select(i => i.Id).ToHashSet());
        Assert.Equal(["T001", "T002"], rows.Skip(1).Take(2).Select(r => r[0]));
        Assert.Equal("P01-M005", rows[^1][0]);

        var api = await app.GetJsonAsync("api/tasks/T006");
        var t006 = byId["T006"];
        Assert.Equal("task", t006[1]);
        Assert.Equal(api.GetProperty("titleZh").GetString(), t006[4]);
        Assert.Equal("改革事项 T006", t006[4]);
        Assert.Equal("Completed", t006[11]);
        Assert.Equal(api.GetProperty("commencedOn").GetString(), t006[12]);
        Assert.Equal(api.GetProperty("completedOn").GetString(), t006[13]);
        Assert.Equal(api.GetProperty("updatedBy").GetString(), t006[17]);
        Assert.Equal(api.GetProperty("updatedAt").GetDateTimeOffset(), DateTimeOffset.Parse(t006[16], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("true", byId["T001"][14]);
        Assert.Equal("false", t006[15]); // a completed item is never stale
        Assert.Equal("false", byId["T020"][14]);
        Assert.Equal("measure", byId["P01-M001"][1]);
        Assert.Equal("T001", byId["P01-M001"][8]);
        Assert.Equal("BMSTC;BMHC", byId["T031"][6]);
    }

    [Fact]
    public async Task Values_that_would_run_as_formulas_are_written_as_text_in_csv_and_in_the_workbook()
    {
        var csv = SheetFiles.ReadCsv(await app.GetBytesAsync("api/export?format=csv")).Single(r => r[0] == "T031");
        Assert.Equal("'" + OfficeAppFixture.FormulaTitle, csv[3]);
        Assert.Equal("'" + OfficeAppFixture.FormulaTitleZh, csv[4]);
        Assert.Equal("'-Haidian", csv[7]);

        var xlsx = SheetFiles.ReadXlsx(await app.GetBytesAsync("api/export?format=xlsx")).Single(r => r[0] == "T031");
        Assert.Equal("'" + OfficeAppFixture.FormulaTitle, xlsx[3]);
        Assert.Equal("'" + OfficeAppFixture.FormulaTitleZh, xlsx[4]);

        // No cell of the workbook is a formula at all.
        var bytes = await app.GetBytesAsync("api/export?format=xlsx");
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        Assert.Empty(document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.CellFormula>());
    }

    [Fact]
    public async Task The_workbook_has_a_header_row_in_english_field_names_and_one_in_chinese_then_the_filtered_items()
    {
        using var response = await app.GetAsync("api/export?format=xlsx&kind=task&programme=P01&agency=BMCB");
        Assert.Equal(SheetFiles.XlsxType, response.Content.Headers.ContentType?.MediaType);
        var rows = SheetFiles.ReadXlsx(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Columns, rows[0]);
        Assert.Equal("编号", rows[1][0]);
        Assert.Equal("状态", rows[1][11]);
        Assert.Equal([.. Enumerable.Range(1, 10).Select(i => $"T{i:000}")], rows.Skip(2).Select(r => r[0]));
        Assert.Equal("改革事项 T005", rows.Single(r => r[0] == "T005")[4]);
    }

    [Theory]
    [InlineData("csv", "text/csv")]
    [InlineData("xlsx", SheetFiles.XlsxType)]
    public async Task Importing_the_exported_file_changes_nothing(string format, string mediaType)
    {
        var before = await app.GetBytesAsync($"api/export?format={format}");
        var historyBefore = await app.GetJsonAsync("api/tasks/T006/history");

        var status = await ImportSheetAsync(before, mediaType);
        Assert.Equal(0, status.GetProperty("counts").GetProperty("created").GetInt32());
        var rows = format == "csv" ? SheetFiles.ReadCsv(before).Count - 1 : SheetFiles.ReadXlsx(before).Count - 2;
        Assert.Equal(rows, status.GetProperty("counts").GetProperty("unchanged").GetInt32());

        var after = await app.GetBytesAsync($"api/export?format={format}");
        if (format == "csv")
        {
            Assert.Equal(Encoding.UTF8.GetString(before), Encoding.UTF8.GetString(after));
        }
        else
        {
            Assert.Equal(SheetFiles.ReadXlsx(before), SheetFiles.ReadXlsx(after));
        }

        Assert.Equal(historyBefore.ToString(), (await app.GetJsonAsync("api/tasks/T006/history")).ToString());
        Assert.Equal(OfficeAppFixture.FormulaTitle, (await app.GetJsonAsync("api/tasks/T031")).GetProperty("titleEn").GetString());
    }

    [Fact]
    public async Task A_new_item_in_a_sheet_saved_by_excel_is_created_with_its_fields()
    {
        var rows = SheetFiles.ReadXlsx(await app.GetBytesAsync("api/export?format=xlsx&kind=task&programme=P02"));
        var added = (string?[])rows[2].Clone();
        added[0] = "T040";
        added[3] = "A task added in Excel";
        added[4] = "在表格中新增的任务";
        added[9] = "46000";
        rows.Add(added);

        var status = await ImportSheetAsync(SheetFiles.WriteXlsx(rows), SheetFiles.XlsxType);
        Assert.Equal(1, status.GetProperty("counts").GetProperty("created").GetInt32());
        var item = await app.GetJsonAsync("api/tasks/T040");
        Assert.Equal("在表格中新增的任务", item.GetProperty("titleZh").GetString());
        Assert.Equal("P02", item.GetProperty("programme").GetString());
        Assert.Equal("2025-12-09", item.GetProperty("plannedCommencement").GetString());
    }

    [Fact]
    public async Task A_sheet_with_bad_cells_is_rejected_whole_naming_each_row_and_column()
    {
        var rows = SheetFiles.ReadCsv(await app.GetBytesAsync("api/export?format=csv&kind=task&programme=P03"));
        rows[1][0] = "T041";
        rows[1][9] = "next spring";
        rows[2][0] = "T042";
        rows[2][11] = "Started";
        rows[3][0] = "T043";
        rows[3][5] = "NOPE";

        var problem = await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, SheetFiles.WriteCsv(rows), "text/csv"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("next spring", errors.GetProperty("row 2.plannedCommencement")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("Started", errors.GetProperty("row 3.status")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(2, problem.GetProperty("errorCount").GetInt32());

        // Once the cells read, the catalogue's rules name rows too; nothing is imported either way.
        rows[1][9] = "2030-01-01";
        rows[2][11] = "Proposed";
        var invalid = await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, SheetFiles.WriteCsv(rows), "text/csv"), HttpStatusCode.UnprocessableEntity);
        Assert.True(invalid.GetProperty("errors").TryGetProperty("row 4.leadAgency", out _), invalid.ToString());
        foreach (var id in (string[])["T041", "T042", "T043"])
        {
            using var missing = await app.GetAsync($"api/tasks/{id}");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
    }

    [Fact]
    public async Task Bad_uploads_and_parameters_are_problems()
    {
        await Problems.AssertAsync(await app.GetAsync("api/export?format=pdf"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, [0x50, 0x4b, 0x03, 0x04, 1, 2, 3], SheetFiles.XlsxType), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, [0xff, 0xfe, 0x41], "text/csv"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, Encoding.UTF8.GetBytes("id,status\n\"T001,Proposed\n"), "text/csv"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Commerce, await app.GetBytesAsync("api/export"), "text/csv"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, new byte[(16 * 1024 * 1024) + 1], "text/csv"), HttpStatusCode.RequestEntityTooLarge);
    }

    private async Task<JsonElement> ImportSheetAsync(byte[] sheet, string mediaType)
    {
        using var response = await app.PostFileAsync("api/catalogue", ApiKeys.Coordinator, sheet, mediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, text);
        return await app.WaitForImportAsync(JsonDocument.Parse(text).RootElement.GetProperty("statusQueryGetUri").GetString()!);
    }
}
