using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;
using TwoZones.Functions.Progress;
using TwoZones.Functions.Spreadsheets;
using TwoZones.Storage;

namespace TwoZones.Functions.Exports;

/// <summary><c>GET /api/export</c>: the items as a sheet an office edits in Excel and uploads again.</summary>
/// <param name="items">The stored items.</param>
/// <param name="stalePeriod">Judges which items are stale today.</param>
/// <param name="time">The server clock (names the file).</param>
public sealed class ExportFunctions(StoredItems items, StalePeriod stalePeriod, TimeProvider time)
{
    /// <summary>Exports the items as CSV or workbook.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The file, as an attachment.</returns>
    [Function("ExportItems")]
    [Produces(SheetMediaTypes.Csv, SheetMediaTypes.Xlsx)]
    [RequiresRole(Role.Viewer)]
    [EndpointSummary("Export tasks and measures as CSV or Excel workbook")]
    [EndpointDescription(
        "One row per item: every catalogue field, the current status and its dates, the overdue and stale flags and the last update, then empty "
        + "effectiveDate, note and evidenceUrl columns to fill in. Column names are the API's field names; a workbook adds a second header "
        + "row in Chinese. CSV is UTF-8 with a byte order mark. Cells that a spreadsheet would run as a formula (starting with =, +, -, @) "
        + "start with an apostrophe. The same file imports through POST /api/catalogue and updates statuses through POST /api/status-updates.")]
    [QueryParameter("format", "csv (default) or xlsx.", Values = ["csv", "xlsx"])]
    [QueryParameter("kind", "Only tasks or only measures.", Values = ["task", "measure"])]
    [QueryParameter("programme", "Only items of this programme, e.g. P03.")]
    [QueryParameter("agency", "Only items this agency leads, e.g. BMCB.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Export([HttpTrigger(AuthorizationLevel.Function, "get", Route = "export")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var format = QueryParameters.Text(req, "format") switch
        {
            null => SheetFormat.Csv,
            var v when v.Equals("csv", StringComparison.OrdinalIgnoreCase) => SheetFormat.Csv,
            var v when v.Equals("xlsx", StringComparison.OrdinalIgnoreCase) => SheetFormat.Xlsx,
            var v => throw QueryParameters.Invalid("format", $"'{v}' is not a format; use csv or xlsx."),
        };
        var kind = QueryParameters.Kind(req);
        var filter = new ItemFilter(QueryParameters.Identifier(req, "programme"), QueryParameters.Identifier(req, "agency"));
        var records = await items.ReadAsync(kind, filter, req.HttpContext.RequestAborted);

        using var buffer = new MemoryStream();
        SheetWriter.Write(buffer, format, ItemSheet.SheetName, ItemSheet.Columns, records.Select(r => ItemSheet.Row(r, stalePeriod.IsStale(r))));
        var today = ShanghaiClock.Today(time.GetUtcNow()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = $"twozones-items-{today}.{SheetMediaTypes.Extension(format)}";
        return new FileResponse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), SheetMediaTypes.ContentType(format), name);
    }
}
