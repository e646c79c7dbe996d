using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Digest;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage.Digests;

namespace TwoZones.Functions.Digests;

/// <summary>The digest routes: <c>/api/digests/latest</c>, <c>/api/digests/{week}</c> and <c>POST /api/digests</c>.</summary>
/// <param name="digests">The stored digests.</param>
/// <param name="starter">Starts the current week's digest.</param>
public sealed class DigestFunctions(DigestRepository digests, DigestStarter starter)
{
    /// <summary>The most recent weekly digest.</summary>
    /// <param name="req">The request (<c>lang</c>, <c>format</c>).</param>
    /// <returns>The digest as JSON (with its delivery state), Markdown or HTML; 404 when none exists yet.</returns>
    [Function("GetLatestDigest")]
    [Produces("application/json", "text/markdown", "text/html")]
    [EndpointSummary("The latest weekly digest as JSON, Markdown or HTML, in English or Chinese")]
    [QueryParameter("lang", "Language of the Markdown or HTML rendering (default en).", Values = ["en", "zh"])]
    [QueryParameter("format", "json (default; the model with its delivery state), md or html.", Values = ["json", "md", "html"])]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> GetLatest([HttpTrigger(AuthorizationLevel.Function, "get", Route = "digests/latest")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var (language, format) = Presentation(req);
        var digest = await digests.GetLatestAsync(req.HttpContext.RequestAborted);
        return digest is null
            ? ApiProblem.NotFound("No weekly digest has been built yet.")
            : Render(digest, language, format);
    }

    /// <summary>The digest of one ISO week.</summary>
    /// <param name="req">The request (<c>lang</c>, <c>format</c>).</param>
    /// <param name="week">The week, e.g. <c>2026-W48</c>.</param>
    /// <returns>The digest; 400 for a malformed week, 404 when that week has none.</returns>
    [Function("GetDigest")]
    [Produces("application/json", "text/markdown", "text/html")]
    [EndpointSummary("The digest of one ISO week (e.g. 2026-W48)")]
    [QueryParameter("lang", "Language of the Markdown or HTML rendering (default en).", Values = ["en", "zh"])]
    [QueryParameter("format", "json (default; the model with its delivery state), md or html.", Values = ["json", "md", "html"])]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "digests/{week}")] HttpRequest req, string week)
    {
        ArgumentNullException.ThrowIfNull(req);
        if (string.Equals(week, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return await GetLatest(req);
        }

        if (!IsoWeekId.TryParse(week, out var id))
        {
            var message = $"'{week}' is not an ISO week such as 2026-W48.";
            return ApiProblem.BadRequest($"The week is not valid: {message}", RequestBody.Errors("week", message));
        }

        var (language, format) = Presentation(req);
        var digest = await digests.GetAsync(id.ToString(), req.HttpContext.RequestAborted);
        return digest is null
            ? ApiProblem.NotFound($"There is no digest for {id}.")
            : Render(digest, language, format);
    }

    /// <summary>Builds the current week's digest now (coordinators only); the same orchestration the weekly timer starts.</summary>
    /// <param name="req">The request.</param>
    /// <param name="client">The durable client.</param>
    /// <returns>202 with the instance id and where to follow it.</returns>
    [Function("StartDigest")]
    [EndpointSummary("Build the current week's digest now (coordinator); a second request in the same week is a no-op")]
    [RequiresRole(Role.Coordinator)]
    [ProducesResponseType<DigestStarted>(StatusCodes.Status202Accepted)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Start(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "digests")] HttpRequest req,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(req);
        ArgumentNullException.ThrowIfNull(client);
        var start = await starter.StartForCurrentWeekAsync(client, req.HttpContext.RequestAborted);
        var statusUri = client.CreateHttpManagementPayload(start.InstanceId).StatusQueryGetUri;
        var response = new JsonResponse(
            new DigestStarted(start.InstanceId, statusUri, start.Week, start.Started),
            StatusCodes.Status202Accepted);
        if (statusUri is not null)
        {
            response.Headers["Location"] = statusUri;
        }

        return response;
    }

    private static (DigestLanguage Language, string Format) Presentation(HttpRequest req)
    {
        var language = QueryParameters.Text(req, "lang")?.ToLowerInvariant() switch
        {
            null or "en" => DigestLanguage.En,
            "zh" => DigestLanguage.Zh,
            var other => throw QueryParameters.Invalid("lang", $"'{other}' is not a language; use en or zh."),
        };
        var format = QueryParameters.Text(req, "format")?.ToLowerInvariant() switch
        {
            null or "json" => "json",
            "md" or "markdown" => "md",
            "html" => "html",
            var other => throw QueryParameters.Invalid("format", $"'{other}' is not a format; use json, md or html."),
        };
        return (language, format);
    }

    private static IActionResult Render(StoredDigest digest, DigestLanguage language, string format)
    {
        switch (format)
        {
            case "md":
                return new ContentResult { Content = digest.Markdown(language), ContentType = "text/markdown; charset=utf-8", StatusCode = StatusCodes.Status200OK };
            case "html":
                return new ContentResult { Content = digest.Html(language), ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
            default:
                var body = JsonNode.Parse(digest.Json)!.AsObject();
                var delivery = digest.Delivery;
                body["instanceId"] = digest.InstanceId;
                body["delivered"] = delivery.Delivered;
                body["deliveryAttempts"] = delivery.Attempts;
                body["lastError"] = delivery.LastError;
                body["deliveredAt"] = delivery.DeliveredAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);
                return new JsonResponse(body);
        }
    }
}
