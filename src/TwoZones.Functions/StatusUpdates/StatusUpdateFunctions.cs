using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.Items;
using TwoZones.Functions.Spreadsheets;
using TwoZones.Storage;

namespace TwoZones.Functions.StatusUpdates;

/// <summary>
/// <c>POST /api/status-updates</c>: a sheet of status changes (CSV or workbook, e.g. an edited export). A sheet with a malformed row is
/// refused whole, every problem listed by row and column. Otherwise each row goes through <see cref="StatusChanges"/>, exactly as
/// <c>POST /api/tasks/{id}/status</c> does (rules, roles, agency scoping, idempotency, tracker signal); the answer lists each row's outcome.
/// </summary>
/// <param name="changes">The status-change path shared with single updates.</param>
/// <param name="endpoints">The single-update endpoints, whose answer to a refused change each refused row reports.</param>
/// <param name="answers">First answers of uploads with an idempotency key.</param>
public sealed class StatusUpdateFunctions(StatusChanges changes, ItemEndpoints endpoints, StatusUpdateAnswers answers)
{
    /// <summary>Largest sheet accepted: 4 MiB.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Most rows a sheet may have (headers included).</summary>
    public const int MaxRows = 10_002;

    // Rows name distinct items, so their transitions touch distinct partitions and can run side by side.
    private const int Parallelism = 16;

    /// <summary>Applies a sheet of status changes.</summary>
    /// <param name="req">The request; the body is the sheet.</param>
    /// <param name="client">The durable client, to signal each changed item's tracker.</param>
    /// <returns>200 with every row's outcome, or a problem.</returns>
    [Function("UploadStatusUpdates")]
    [RequiresRole(Role.Official)]
    [EndpointSummary("Apply a sheet of status changes (CSV or Excel; Idempotency-Key)")]
    [EndpointDescription(
        "Body: a CSV (text/csv, UTF-8) or workbook with columns id and status, optionally effectiveDate (yyyy-MM-dd, default today), note and "
        + "evidenceUrl; other columns (as in GET /api/export) are ignored. A sheet with a malformed row is refused whole (400) with every error "
        + "keyed 'row N.column', and nothing is applied. Otherwise every row goes through the rules of POST /api/tasks/{id}/status and the "
        + "answer lists each row: applied, unchanged (the item already has that status) or refused with the code, type and reason that "
        + "request would have answered. The same Idempotency-Key with the same file returns the first answer; with another file, 422.")]
    [ProducesResponseType<StatusUpdateReport>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Upload(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "status-updates")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var cancellationToken = req.HttpContext.RequestAborted;
        var uploadKey = req.Headers["Idempotency-Key"].ToString();
        if (!StatusChanges.IsValidIdempotencyKey(uploadKey))
        {
            return ApiProblem.BadRequest(
                $"The Idempotency-Key header must be at most {StatusChanges.MaxIdempotencyKeyLength} visible ASCII characters.",
                RequestBody.Errors("Idempotency-Key", $"At most {StatusChanges.MaxIdempotencyKeyLength} characters from '!' to '~'."));
        }

        var format = SheetMediaTypes.FromContentType(req.ContentType)
            ?? throw new ApiProblemException(ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "unsupported-media-type",
                "The request body's media type is not accepted.",
                $"Send the sheet as {SheetMediaTypes.Csv} (UTF-8) or {SheetMediaTypes.Xlsx}."));
        var bytes = await RequestBody.ReadBytesAsync(req, MaxBytes, cancellationToken);
        var caller = req.HttpContext.GetCaller();
        var fileHash = StatusUpdateAnswers.FileHash(bytes);
        if (uploadKey.Length > 0 && await answers.FindAsync(caller, uploadKey, cancellationToken) is { } first)
        {
            return first.FileSha256 == fileHash
                ? new JsonResponse(first.Report)
                : ApiProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency-key-reused",
                    "The idempotency key was used for a different request.",
                    "This Idempotency-Key was first used with a different file; use a new key for a new upload.");
        }

        var requested = ReadSheet(bytes, format);
        var outcomes = new ConcurrentDictionary<int, StatusUpdateOutcome>();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        // Each row reads only its own item, inside the transition: a row whose item already has the status is refused there
        // without writing anything, and reported as unchanged (reading the whole store first cost more than the sheet's rows).
        await Parallel.ForEachAsync(requested, options, async (row, ct) =>
        {
            var rowKey = uploadKey.Length == 0 ? null : StatusUpdateAnswers.RowKey(caller, uploadKey, row.Id);
            var result = await changes.ApplyAsync(row.Kind, row.Id, caller, row.Change, null, rowKey, client, ct);
            outcomes[row.Row] = Outcome(row, result);
        });

        var rows = outcomes.Values.OrderBy(o => o.Row).ToList();
        var report = new StatusUpdateReport(
            rows.Count(r => r.Outcome == StatusUpdateOutcome.Applied),
            rows.Count(r => r.Outcome == StatusUpdateOutcome.Unchanged),
            rows.Count(r => r.Outcome == StatusUpdateOutcome.Refused),
            rows);
        if (uploadKey.Length > 0)
        {
            await answers.SaveAsync(caller, uploadKey, new StatusUpdateAnswers.Answer(fileHash, report), CancellationToken.None);
        }

        return new JsonResponse(report);
    }

    private IReadOnlyList<RequestedChange> ReadSheet(byte[] bytes, SheetFormat format)
    {
        var table = SheetUpload.Read(bytes, format, MaxRows);

        var errors = new SheetErrors();
        var requested = StatusUpdateSheet.Read(table, changes.Today, errors);
        SheetUpload.ThrowIfAny(errors, "applied");

        return requested;
    }

    private StatusUpdateOutcome Outcome(RequestedChange row, TransitionResult result)
    {
        if (result.Outcome is TransitionResultKind.Applied or TransitionResultKind.Replayed)
        {
            // A replay is this upload's own row, applied by an attempt that died before its answer was kept: the first answer said applied.
            return new StatusUpdateOutcome(row.Row, row.Id, StatusUpdateOutcome.Applied, result.Item!.Status, result.Item.Version, null, null, null);
        }

        if (result.Item is { } item && item.Kind == row.Kind && item.Status == row.Change.To)
        {
            return new StatusUpdateOutcome(row.Row, row.Id, StatusUpdateOutcome.Unchanged, item.Status, item.Version, null, null, null);
        }

        // The same problem a single POST .../status would have answered.
        var problem = (endpoints.Respond(row.Kind, row.Id, result) as JsonResponse)?.Value as ProblemDetails;
        return new StatusUpdateOutcome(
            row.Row, row.Id, StatusUpdateOutcome.Refused, result.Item?.Status, result.Item?.Version, problem?.Status, problem?.Type, problem?.Detail);
    }
}
