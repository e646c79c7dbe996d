using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Indicators;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.Items;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage;
using TwoZones.Storage.Indicators;

namespace TwoZones.Functions.Indicators;

/// <summary>
/// The indicator routes: <c>/api/indicators</c> (list; import by a coordinator), <c>/api/indicators/{id}</c>,
/// <c>/api/indicators/{id}/actuals</c> (report, by the responsible agency's officials) and <c>/api/indicators/{id}/history</c>.
/// </summary>
/// <param name="indicators">Indicator storage.</param>
/// <param name="cache">The indicators' progress, refreshed after each report.</param>
/// <param name="time">The server clock.</param>
public sealed class IndicatorFunctions(IndicatorRepository indicators, IndicatorProgressCache cache, TimeProvider time)
{
    /// <summary>Largest indicator file accepted.</summary>
    public const int FileLimit = 1024 * 1024;

    /// <summary>Lists every indicator with its latest actual and progress against target.</summary>
    /// <param name="req">The request.</param>
    /// <returns><c>{ "items": [...] }</c>.</returns>
    [Function("ListIndicators")]
    [EndpointSummary("Indicators with targets, latest actuals and progress against target")]
    [QueryParameter("year", "Only indicators of this year, e.g. 2024.")]
    [ProducesResponseType<IndicatorListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "indicators")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var year = QueryParameters.Integer(req, "year", 2000, 2100);
        var (records, progress) = await cache.GetAsync(req.HttpContext.RequestAborted);
        var items = records.Zip(progress).Where(p => year is null || p.First.Definition.Year == year).Select(p => IndicatorResponse.From(p.Second, p.First)).ToList();
        return new JsonResponse(new IndicatorListResponse(items));
    }

    /// <summary>Reads one indicator.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The indicator id.</param>
    /// <returns>200 or 404.</returns>
    [Function("GetIndicator")]
    [EndpointSummary("One indicator: target, actuals by period, progress against target")]
    [ProducesResponseType<IndicatorResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "indicators/{id}")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (records, progress) = await cache.GetAsync(req.HttpContext.RequestAborted);
        var index = records.ToList().FindIndex(r => r.Id == id);
        return index < 0 ? NotFound(id) : new JsonResponse(IndicatorResponse.From(progress[index], records[index]));
    }

    /// <summary>Reports an indicator's value for a period (<c>Idempotency-Key</c> honoured).</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The indicator id.</param>
    /// <returns>200 with the indicator, 400, 403, 404, 409 or 422.</returns>
    [Function("RecordIndicatorActual")]
    [EndpointSummary("Report an indicator's actual for a period (Idempotency-Key)")]
    [EndpointDescription(
        "Body: { \"period\": \"2024\" | \"2024-H1\" | \"2024-Q3\" | \"2024-06\", \"value\": number, \"note\", \"evidenceUrl\" }. Values are cumulative for the "
        + "year up to the period's end; a later report for the same period corrects it (both stay in the hash-chained history). Officials report the "
        + "indicators their agency is responsible for; coordinators any. A derived rate is computed and cannot be reported (422).")]
    [RequiresRole(Role.Official)]
    [ProducesResponseType<IndicatorResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> RecordActual(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "indicators/{id}/actuals")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (!Indicator.IsId(id))
        {
            return NotFound(id);
        }

        var cancellationToken = req.HttpContext.RequestAborted;
        var idempotencyKey = ItemEndpoints.ReadIdempotencyKey(req);
        ActualRequest actual;
        using (var body = await RequestBody.ReadJsonObjectAsync(req, cancellationToken))
        {
            actual = ActualReader.Read(body.RootElement);
        }

        var result = await indicators.RecordActualAsync(id, req.HttpContext.GetCaller(), actual, idempotencyKey, cancellationToken);
        switch (result.Outcome)
        {
            case TransitionResultKind.Applied:
            case TransitionResultKind.Replayed:
                cache.Invalidate();
                var (records, progress) = await cache.GetAsync(cancellationToken);
                var index = records.ToList().FindIndex(r => r.Id == id);
                return index < 0 ? NotFound(id) : new JsonResponse(IndicatorResponse.From(progress[index], records[index]));
            case TransitionResultKind.NotFound:
                return NotFound(id);
            case TransitionResultKind.Forbidden:
                return ApiProblem.Forbidden(result.Decision?.Message ?? $"The caller may not report {id}.");
            case TransitionResultKind.IdempotencyKeyMismatch:
                return ApiProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "idempotency-key-reused",
                    "The idempotency key was used for a different request.",
                    "This Idempotency-Key was first used with a different body; use a new key for a new request.");
            case TransitionResultKind.Conflict:
                return ApiProblem.Create(StatusCodes.Status409Conflict, "version-conflict", "The indicator has changed.", $"Other reports of {id} kept winning the race. Retry.");
            default:
                return ApiProblem.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "actual-not-allowed",
                    "The actual cannot be recorded.",
                    result.Decision?.Message ?? $"The actual of {id} cannot be recorded.");
        }
    }

    /// <summary>Reads an indicator's history and checks its hash chain.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The indicator id.</param>
    /// <returns>200 or 404.</returns>
    [Function("GetIndicatorHistory")]
    [EndpointSummary("An indicator's reported actuals and whether their hash chain holds")]
    [ProducesResponseType<IndicatorHistoryResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "indicators/{id}/history")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var history = await indicators.GetHistoryAsync(id, req.HttpContext.RequestAborted);
        if (history is null)
        {
            return NotFound(id);
        }

        var check = history.Verification;
        return new JsonResponse(new IndicatorHistoryResponse(history.Entries, check.IsValid, check.FirstBrokenSeq, check.Reason));
    }

    /// <summary>Creates the indicators of a file that do not exist yet (an existing indicator is never changed).</summary>
    /// <param name="req">The request.</param>
    /// <returns>200 with the counts, 400 or 422 with every error (nothing imported).</returns>
    [Function("ImportIndicators")]
    [EndpointSummary("Import indicators and their earlier actuals (the layout of data/indicators.sample.json)")]
    [RequiresRole(Role.Coordinator)]
    [ProducesResponseType<IndicatorImportResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Import([HttpTrigger(AuthorizationLevel.Function, "post", Route = "indicators")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        RequestBody.RequireJson(req);
        var bytes = await RequestBody.ReadBytesAsync(req, FileLimit, cancellationToken);
        IReadOnlyList<IndicatorImport> imports;
        List<ValidationError> errors;
        try
        {
            var (parsed, unitErrors) = IndicatorFile.Parse(RequestBody.DecodeUtf8(bytes));
            imports = parsed;
            errors = [.. unitErrors];
        }
        catch (JsonException e)
        {
            return ApiProblem.BadRequest($"The indicator file is not well-formed: {e.Message}", RequestBody.Errors(e.Path ?? "$", e.Message));
        }

        var stored = await indicators.ListAsync(cancellationToken);
        errors.AddRange(IndicatorValidator.Validate(imports, [.. stored.Select(s => s.Definition)], time.GetUtcNow(), IndicatorRepository.MaxImportedActuals));
        if (errors.Count > 0)
        {
            return ApiProblem.Validation(
                StatusCodes.Status422UnprocessableEntity,
                "invalid-indicators",
                "The indicator file has errors.",
                $"The indicator file has {errors.Count} error(s); nothing was imported.",
                errors.GroupBy(e => $"{e.ItemId}.{e.Field}", StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal),
                new Dictionary<string, object?> { ["errorCount"] = errors.Count });
        }

        var result = await indicators.ImportAsync(imports, req.HttpContext.GetCaller().Id, cancellationToken);
        cache.Invalidate();
        return new JsonResponse(new IndicatorImportResponse(result.Created, result.Unchanged));
    }

    private static JsonResponse NotFound(string id) => ApiProblem.NotFound($"There is no indicator {id}.");
}
