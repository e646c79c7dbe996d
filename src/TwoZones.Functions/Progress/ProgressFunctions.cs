using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Http;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage.History;

namespace TwoZones.Functions.Progress;

/// <summary><c>GET /api/progress</c>: completion figures overall and by programme, agency, district and kind.</summary>
/// <param name="progress">The in-memory progress of every item.</param>
/// <param name="asOf">Progress on past days.</param>
/// <param name="time">The server clock.</param>
public sealed class ProgressFunctions(ProgressCache progress, AsOfProgressCache asOf, TimeProvider time)
{
    /// <summary>Progress of the whole catalogue, or of tasks or measures only (<c>?kind=task|measure</c>), now or at the end of a past day (<c>?asOf=</c>).</summary>
    /// <param name="req">The request.</param>
    /// <returns>The progress report.</returns>
    [Function("GetProgress")]
    [EndpointSummary("Progress overall and by programme, agency, district and kind")]
    [QueryParameter("kind", "Count only tasks or only measures.", Values = ["task", "measure"])]
    [QueryParameter(AsOfQuery.Name, AsOfQuery.Description)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetProgress([HttpTrigger(AuthorizationLevel.Function, "get", Route = "progress")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var kind = QueryParameters.Kind(req);
        if (AsOfQuery.Read(req, time) is { } day)
        {
            return new JsonResponse(AsOfProgressResponse.From(await asOf.GetAsync(day, kind, req.HttpContext.RequestAborted)));
        }

        return new JsonResponse(await progress.GetReportAsync(kind, req.HttpContext.RequestAborted));
    }
}
