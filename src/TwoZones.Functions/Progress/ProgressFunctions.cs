using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Progress;
using TwoZones.Functions.Http;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Progress;

/// <summary><c>GET /api/progress</c>: completion figures overall and by programme, agency, district and kind.</summary>
/// <param name="progress">The in-memory progress of every item.</param>
public sealed class ProgressFunctions(ProgressCache progress)
{
    /// <summary>Progress of the whole catalogue, or of tasks or measures only (<c>?kind=task|measure</c>).</summary>
    /// <param name="req">The request.</param>
    /// <returns>The progress report.</returns>
    [Function("GetProgress")]
    [EndpointSummary("Progress overall and by programme, agency, district and kind")]
    [QueryParameter("kind", "Count only tasks or only measures.", Values = ["task", "measure"])]
    [ProducesResponseType<ProgressReport>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetProgress([HttpTrigger(AuthorizationLevel.Function, "get", Route = "progress")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var kind = QueryParameters.Kind(req);
        return new JsonResponse(await progress.GetReportAsync(kind, req.HttpContext.RequestAborted));
    }
}
