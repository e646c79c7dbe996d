using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Seals;

/// <summary>The seals of the history: <c>GET /api/seals</c>, <c>GET /api/seals/latest</c>, <c>GET /api/seals/{seq}</c> and <c>POST /api/seals</c>.</summary>
/// <param name="seals">The stored seals.</param>
public sealed class SealFunctions(SealRepository seals)
{
    /// <summary>Most seals one listing returns.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The newest seals, newest first.</summary>
    /// <param name="req">The request (<c>limit</c>, default 100).</param>
    /// <returns>The seals.</returns>
    [Function("ListSeals")]
    [EndpointSummary("Seals of the history, newest first: each a Merkle root over every item's chain head, chained to the previous seal (docs/seals.md)")]
    [QueryParameter("limit", "Most seals returned, 1 to 1000 (default 100).")]
    [ProducesResponseType<SealListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "seals")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var limit = QueryParameters.Integer(req, "limit", 1, MaxLimit) ?? 100;
        return new JsonResponse(new SealListResponse(await seals.ListAsync(limit, req.HttpContext.RequestAborted)));
    }

    /// <summary>One seal by its seq, or the newest (<c>latest</c>).</summary>
    /// <param name="req">The request.</param>
    /// <param name="seq">The seal's seq, or <c>latest</c>.</param>
    /// <returns>The seal; 404 when there is none.</returns>
    [Function("GetSeal")]
    [EndpointSummary("One seal by its seq, or the latest (seals/latest)")]
    [ProducesResponseType<Core.Seals.Seal>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "seals/{seq}")] HttpRequest req, string seq)
    {
        ArgumentNullException.ThrowIfNull(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        if (string.Equals(seq, "latest", StringComparison.OrdinalIgnoreCase))
        {
            var latest = await seals.GetLatestAsync(cancellationToken);
            return latest is null ? ApiProblem.NotFound("Nothing has been sealed yet.") : new JsonResponse(latest);
        }

        var seal = long.TryParse(seq, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? await seals.GetAsync(number, cancellationToken)
            : null;
        return seal is null ? ApiProblem.NotFound($"There is no seal {seq}.") : new JsonResponse(seal);
    }

    /// <summary>Seals the history now (coordinators only), besides the daily schedule and every weekly digest.</summary>
    /// <param name="req">The request.</param>
    /// <returns>201 with the new seal.</returns>
    [Function("CreateSeal")]
    [EndpointSummary("Seal the history now (coordinator)")]
    [RequiresRole(Role.Coordinator)]
    [ProducesResponseType<Core.Seals.Seal>(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> Create([HttpTrigger(AuthorizationLevel.Function, "post", Route = "seals")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var seal = await seals.AppendAsync(SealReasons.Request, null, req.HttpContext.RequestAborted);
        var response = new JsonResponse(seal, StatusCodes.Status201Created);
        response.Headers["Location"] = "/api/seals/" + seal.Seq.ToString(CultureInfo.InvariantCulture);
        return response;
    }
}
