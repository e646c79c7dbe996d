using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Http;
using TwoZones.Storage;

namespace TwoZones.Functions.Health;

/// <summary><c>GET /api/health</c>: whether the app and its storage answer. Needs no key, so probes and load balancers can call it.</summary>
/// <param name="tables">The app's tables.</param>
public sealed class HealthFunctions(TwoZonesTables tables)
{
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(5);

    /// <summary>200 <c>{"status":"ok","storage":"ok"}</c>, or 503 with <c>Retry-After</c> when storage does not answer.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The health.</returns>
    [Function("GetHealth")]
    [EndpointSummary("Health of the app and its storage")]
    [ProducesResponseType<HealthResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public async Task<IActionResult> GetHealth([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(req.HttpContext.RequestAborted);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await tables.PingAsync(timeout.Token);
        }
        catch (RequestFailedException e) when (e.Status == StatusCodes.Status404NotFound)
        {
            // Storage answered; the tables are still being created at start.
        }
        catch (Exception e) when (StorageFailure.IsUnavailable(e) || (e is OperationCanceledException && !req.HttpContext.RequestAborted.IsCancellationRequested))
        {
            return ApiProblem.StorageUnavailable(new Dictionary<string, object?> { ["storage"] = "unavailable" });
        }

        return new JsonResponse(HealthResponse.Ok);
    }
}
