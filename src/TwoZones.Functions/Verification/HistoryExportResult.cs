using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TwoZones.Core.Seals;

namespace TwoZones.Functions.Verification;

/// <summary>Writes an export with <see cref="HistoryExportJson.Options"/>, the options the offline verifier reads it with.</summary>
/// <param name="export">The export.</param>
internal sealed class HistoryExportResult(HistoryExport export) : IActionResult
{
    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.ContentDisposition = "attachment; filename=\"twozones-history.json\"";
        await JsonSerializer.SerializeAsync(response.Body, export, HistoryExportJson.Options, context.HttpContext.RequestAborted);
    }
}
