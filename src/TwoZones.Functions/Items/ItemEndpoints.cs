using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.Progress;
using TwoZones.Storage;
using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Items;

/// <summary>
/// The item endpoints, written once for both kinds: tasks and measures are listed, read, moved and audited alike
/// (<see cref="ItemFunctions"/> only binds the routes; <see cref="ItemContract"/> says what they promise).
/// </summary>
public sealed class ItemEndpoints
{
    /// <summary>Largest <c>pageSize</c> a client may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Longest accepted <c>Idempotency-Key</c>.</summary>
    public const int MaxIdempotencyKeyLength = StatusChanges.MaxIdempotencyKeyLength;

    private readonly ItemRepository _items;
    private readonly StatusChanges _changes;
    private readonly StalePeriod _stale;
    private readonly EvidenceRepository _evidence;

    /// <summary>Creates the endpoints.</summary>
    /// <param name="items">Item storage.</param>
    /// <param name="changes">Applies status changes (the same path as sheet uploads).</param>
    /// <param name="stale">Judges which items are stale.</param>
    /// <param name="evidence">Evidence files, whose hashes the history verification checks.</param>
    public ItemEndpoints(ItemRepository items, StatusChanges changes, StalePeriod stale, EvidenceRepository evidence)
    {
        _items = items;
        _changes = changes;
        _stale = stale;
        _evidence = evidence;
    }

    /// <summary>Lists items with optional <c>programme</c>, <c>agency</c>, <c>status</c>, <c>overdue</c>, <c>stale</c>, <c>pageSize</c> and <c>continuationToken</c>.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <returns>One page.</returns>
    public async Task<IActionResult> ListAsync(ItemKind kind, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        // The overdue flag is stored (kept by the trackers), so storage filters on it like on the other fields.
        var filter = new ItemFilter(
            QueryParameters.Identifier(request, "programme"),
            QueryParameters.Identifier(request, "agency"),
            QueryParameters.Status(request),
            QueryParameters.Boolean(request, "overdue"),
            QueryParameters.Boolean(request, "stale"),
            _stale.Cutoff);
        var pageSize = QueryParameters.Integer(request, "pageSize", 1, MaxPageSize) ?? DefaultPageSize;
        var token = QueryParameters.Text(request, "continuationToken");
        var page = await _items.ListAsync(kind, filter, token, pageSize, request.HttpContext.RequestAborted);
        return new JsonResponse(new ItemListResponse([.. page.Items.Select(r => ItemResponse.From(r, _stale.IsStale(r)))], page.ContinuationToken));
    }

    /// <summary>Reads one item, with its version in the <c>ETag</c> header.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <param name="id">Item id.</param>
    /// <returns>200 or 404.</returns>
    public async Task<IActionResult> GetAsync(ItemKind kind, HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CatalogueIds.IsItemId(kind, id))
        {
            return NotFound(kind, id);
        }

        var record = await _items.GetAsync(kind, id, request.HttpContext.RequestAborted);
        return record is null ? NotFound(kind, id) : ItemResult(record, StatusCodes.Status200OK);
    }

    /// <summary>Moves an item to another status (<c>If-Match</c> and <c>Idempotency-Key</c> honoured).</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <param name="id">Item id.</param>
    /// <param name="client">The durable client, to signal the item's tracker once the transition committed.</param>
    /// <returns>200, 404, 409, 422 or 403 (see the API contract).</returns>
    public async Task<IActionResult> ChangeStatusAsync(ItemKind kind, HttpRequest request, string id, DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CatalogueIds.IsItemId(kind, id))
        {
            return NotFound(kind, id);
        }

        var cancellationToken = request.HttpContext.RequestAborted;
        var idempotencyKey = ReadIdempotencyKey(request);
        TransitionRequest change;
        using (var body = await RequestBody.ReadJsonObjectAsync(request, cancellationToken))
        {
            change = StatusChangeReader.Read(body.RootElement, _changes.Today);
        }

        var caller = request.HttpContext.GetCaller();
        var result = await _changes.ApplyAsync(kind, id, caller, change, IfMatch(request), idempotencyKey, client, cancellationToken);
        return Respond(kind, id, result);
    }

    /// <summary>Reads an item's history and checks its hash chain.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <param name="id">Item id.</param>
    /// <returns>200 or 404.</returns>
    public async Task<IActionResult> GetHistoryAsync(ItemKind kind, HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CatalogueIds.IsItemId(kind, id))
        {
            return NotFound(kind, id);
        }

        var history = await _items.GetHistoryAsync(kind, id, request.HttpContext.RequestAborted);
        if (history is null)
        {
            return NotFound(kind, id);
        }

        // The chain holds the evidence files' hashes: a replaced file breaks it as an edited row does.
        var check = history.Verification.IsValid
            ? await _evidence.VerifyAsync(id, history.Entries, request.HttpContext.RequestAborted)
            : history.Verification;
        return new JsonResponse(new HistoryResponse(history.Entries, check.IsValid, check.FirstBrokenSeq, check.Reason));
    }

    /// <summary>The request's <c>Idempotency-Key</c>, or <see langword="null"/> without one.</summary>
    /// <exception cref="ApiProblemException">400 when it is longer than <see cref="MaxIdempotencyKeyLength"/> or not visible ASCII.</exception>
    internal static string? ReadIdempotencyKey(HttpRequest request)
    {
        var idempotencyKey = request.Headers["Idempotency-Key"].ToString();
        if (!StatusChanges.IsValidIdempotencyKey(idempotencyKey))
        {
            throw new ApiProblemException(ApiProblem.BadRequest(
                $"The Idempotency-Key header must be at most {MaxIdempotencyKeyLength} visible ASCII characters.",
                RequestBody.Errors("Idempotency-Key", $"At most {MaxIdempotencyKeyLength} characters from '!' to '~'.")));
        }

        return idempotencyKey.Length == 0 ? null : idempotencyKey;
    }

    /// <summary>The answer the API gives for a transition's outcome: the item, or the problem (a sheet upload reports the same problem per row).</summary>
    internal IActionResult Respond(ItemKind kind, string id, TransitionResult result)
    {
        switch (result.Outcome)
        {
            case TransitionResultKind.Applied:
            case TransitionResultKind.Replayed:
                return ItemResult(result.Item!, StatusCodes.Status200OK);
            case TransitionResultKind.NotFound:
                return NotFound(kind, id);
            case TransitionResultKind.VersionMismatch:
            case TransitionResultKind.Conflict:
                var conflict = ApiProblem.Create(
                    StatusCodes.Status409Conflict,
                    "version-conflict",
                    "The item has changed.",
                    result.Outcome == TransitionResultKind.VersionMismatch
                        ? $"{id} is at version {result.Item?.Version}, not the version given in If-Match. Read it again and retry."
                        : $"Another update of {id} won the race. Read it again and retry.",
                    Extensions(result));
                if (result.Item is not null)
                {
                    conflict.Headers["ETag"] = Quote(result.Item.Version);
                }

                return conflict;
            case TransitionResultKind.Forbidden:
                return ApiProblem.Forbidden(result.Decision?.Message ?? $"The caller may not change {id}.", Extensions(result));
            case TransitionResultKind.IdempotencyKeyMismatch:
                return ApiProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency-key-reused",
                    "The idempotency key was used for a different request.",
                    "This Idempotency-Key was first used with a different body; use a new key for a new request.",
                    Extensions(result));
            default:
                return ApiProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "transition-not-allowed",
                    "The status change is not allowed.",
                    result.Decision?.Message ?? $"The status change of {id} is not allowed.",
                    Extensions(result));
        }
    }

    private Dictionary<string, object?> Extensions(TransitionResult result)
    {
        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (result.Item is not null)
        {
            extensions["currentStatus"] = result.Item.Status;
            extensions["current"] = ItemResponse.From(result.Item, _stale.IsStale(result.Item));
        }

        if (result.Decision is not null)
        {
            extensions["allowedTargets"] = result.Decision.AllowedTargets;
        }

        return extensions;
    }

    private JsonResponse ItemResult(ItemRecord record, int status)
    {
        var response = new JsonResponse(ItemResponse.From(record, _stale.IsStale(record)), status);
        response.Headers["ETag"] = Quote(record.Version);
        return response;
    }

    private static JsonResponse NotFound(ItemKind kind, string id) =>
        ApiProblem.NotFound($"There is no {(kind == ItemKind.Task ? "task" : "measure")} {id}.");

    private static string Quote(string version) => "\"" + version + "\"";

    /// <summary>The version the caller saw, from <c>If-Match: "v"</c> (weak validators accepted); <c>*</c> or none means any version.</summary>
    private static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        return value.Length == 0 || value == "*" ? null : value;
    }
}
