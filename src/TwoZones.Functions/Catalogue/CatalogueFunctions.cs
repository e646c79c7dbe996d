using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.Spreadsheets;
using TwoZones.Functions.Orchestration;
using TwoZones.Storage.Uploads;
using CatalogueDocument = TwoZones.Core.Catalogue.Catalogue;

namespace TwoZones.Functions.Catalogue;

/// <summary>
/// <c>POST /api/catalogue</c> checks a catalogue file at once (400 malformed, 422 with every error) and hands a valid one to the
/// <c>CatalogueImport</c> orchestration; <c>GET /api/catalogue/import/{instanceId}</c> reports on it.
/// </summary>
/// <param name="uploads">Where the file waits for the orchestration.</param>
/// <param name="sheets">Reads catalogues sent as CSV or workbook.</param>
/// <param name="time">The server clock.</param>
public sealed class CatalogueFunctions(UploadRepository uploads, SheetCatalogues sheets, TimeProvider time)
{
    private const string InstancePrefix = "import-";

    /// <summary>Validates and starts importing a catalogue (coordinators only).</summary>
    /// <param name="req">The request; its body is the catalogue JSON, or an items sheet as CSV or workbook (at most 16 MiB).</param>
    /// <param name="client">The durable client.</param>
    /// <returns>202 with the instance id and where to follow it, or a problem.</returns>
    [Function("ImportCatalogue")]
    [EndpointSummary("Validate a catalogue file and start importing it (coordinator)")]
    [RequiresRole(Role.Coordinator)]
    [ProducesResponseType<CatalogueImportStarted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status408RequestTimeout)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "catalogue")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = req.HttpContext.RequestAborted;
        var sheetFormat = SheetMediaTypes.FromContentType(req.ContentType);
        if (sheetFormat is null)
        {
            RequestBody.RequireJson(req);
        }

        var bytes = await RequestBody.ReadBytesAsync(req, RequestBody.CatalogueLimit, cancellationToken);

        CatalogueDocument catalogue;
        IReadOnlyDictionary<string, int>? rowOf = null;
        if (sheetFormat is { } format)
        {
            // The orchestration reads the upload as catalogue JSON, so a sheet is stored in that form.
            (catalogue, rowOf) = await sheets.ReadAsync(bytes, format, cancellationToken);
            bytes = Encoding.UTF8.GetBytes(CatalogueJson.Serialize(catalogue));
        }
        else
        {
            try
            {
                catalogue = CatalogueJson.Parse(RequestBody.DecodeUtf8(bytes));
            }
            catch (CatalogueFormatException e)
            {
                return ApiProblem.BadRequest($"The catalogue is not well-formed: {e.Message}", RequestBody.Errors(e.Path, e.Message));
            }
        }

        var errors = CatalogueValidator.Validate(catalogue, ShanghaiClock.Today(time.GetUtcNow()));
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(
                StatusCodes.Status422UnprocessableEntity,
                "invalid-catalogue",
                "The catalogue has errors.",
                $"The catalogue has {errors.Count} error(s); nothing was imported. Fix them all and upload it again.",
                errors.GroupBy(e => Key(e, rowOf), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
                new Dictionary<string, object?> { ["errorCount"] = errors.Count });
        }

        var instanceId = InstancePrefix + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        await uploads.SaveAsync(instanceId, bytes, cancellationToken);
        await StartUnlessRunningAsync(client, instanceId, new CatalogueImportInput(instanceId, req.HttpContext.GetCaller().Id), cancellationToken);

        var statusUri = new Uri(new Uri(req.GetEncodedUrl()), "catalogue/import/" + instanceId).AbsoluteUri;
        var response = new JsonResponse(new CatalogueImportStarted(instanceId, statusUri), StatusCodes.Status202Accepted);
        response.Headers["Location"] = statusUri;
        return response;
    }

    /// <summary>Where an import stands: runtime status, times, phase and counts.</summary>
    /// <param name="req">The request.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="instanceId">The id <c>POST /api/catalogue</c> returned.</param>
    /// <returns>The status, or 404.</returns>
    [Function("GetCatalogueImport")]
    [EndpointSummary("Where a catalogue import stands")]
    [ProducesResponseType<CatalogueImportStatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetImport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "catalogue/import/{instanceId}")] HttpRequest req,
        [DurableClient] DurableTaskClient client,
        string instanceId)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        // Only ids this API issues are looked up: the prefix and 16 lowercase hex digits.
        var issued = instanceId.Length == InstancePrefix.Length + 16
            && instanceId.StartsWith(InstancePrefix, StringComparison.Ordinal)
            && instanceId.AsSpan(InstancePrefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
        var metadata = issued
            ? await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, req.HttpContext.RequestAborted)
            : null;
        if (metadata is null)
        {
            return ApiProblem.NotFound($"There is no catalogue import {instanceId}.");
        }

        var progress = (metadata.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? metadata.ReadOutputAs<CatalogueImportProgress>() : null)
            ?? metadata.ReadCustomStatusAs<CatalogueImportProgress>();
        var counts = progress is null
            ? new CatalogueImportCounts(0, 0, 0, 0, 0)
            : new CatalogueImportCounts(progress.Items, progress.Batches, progress.BatchesDone, progress.Created, progress.Unchanged);
        return new JsonResponse(new CatalogueImportStatusResponse(
            metadata.InstanceId,
            metadata.RuntimeStatus.ToString(),
            metadata.CreatedAt,
            metadata.LastUpdatedAt,
            progress?.Phase,
            counts,
            progress?.Errors is { Count: > 0 } errors ? errors : null,
            metadata.FailureDetails?.ErrorMessage));
    }

    /// <summary>Where an error is: <c>T042.leadAgency</c>, or <c>row 7.leadAgency</c> when the catalogue came as a sheet.</summary>
    private static string Key(ValidationError error, IReadOnlyDictionary<string, int>? rowOf) =>
        string.IsNullOrEmpty(error.ItemId) ? error.Field
        : rowOf is not null && rowOf.TryGetValue(error.ItemId, out var row) ? SheetErrors.Key(row, error.Field)
        : error.ItemId + "." + error.Field;

    /// <summary>
    /// Starts the import unless the same file's import is under way. A finished instance is started again: the import is idempotent,
    /// and re-running it repairs anything a failed run left out.
    /// </summary>
    private static async Task StartUnlessRunningAsync(DurableTaskClient client, string instanceId, CatalogueImportInput input, CancellationToken cancellationToken)
    {
        var existing = await client.GetInstanceAsync(instanceId, cancellationToken);
        if (existing is { RuntimeStatus: OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended })
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(OrchestratorNames.CatalogueImport, input, new StartOrchestrationOptions(instanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // The same file was posted twice at once: fine if the other request started the import.
            if (await client.GetInstanceAsync(instanceId, cancellationToken) is not { IsCompleted: false })
            {
                throw;
            }
        }
    }
}
