using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Functions.Http;
using TwoZones.Functions.Indicators;
using TwoZones.Functions.OpenApi;
using TwoZones.Storage.History;

namespace TwoZones.Functions.Progress;

/// <summary><c>GET /api/progress</c>: completion figures overall and by programme, agency, district and kind, stale items and indicators.</summary>
/// <param name="progress">The in-memory progress of every item.</param>
/// <param name="stale">Judges which items are stale.</param>
/// <param name="indicators">The indicators' progress against target.</param>
/// <param name="asOf">Progress on past days.</param>
/// <param name="time">The server clock.</param>
public sealed class ProgressFunctions(ProgressCache progress, StalePeriod stale, IndicatorProgressCache indicators, AsOfProgressCache asOf, TimeProvider time)
{
    /// <summary>Progress of the whole catalogue, or of tasks or measures only (<c>?kind=task|measure</c>), now or at the end of a past day (<c>?asOf=</c>).</summary>
    /// <param name="req">The request.</param>
    /// <returns>The progress report.</returns>
    [Function("GetProgress")]
    [EndpointSummary("Progress overall and by programme, agency, district and kind; stale items; indicators against target")]
    [QueryParameter("kind", "Count only tasks or only measures.", Values = ["task", "measure"])]
    [QueryParameter(AsOfQuery.Name, AsOfQuery.Description)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> GetProgress([HttpTrigger(AuthorizationLevel.Function, "get", Route = "progress")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var kind = QueryParameters.Kind(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        if (AsOfQuery.Read(req, time) is { } day)
        {
            // A past day's figures come from the history alone; stale counts and indicators describe the present.
            return new JsonResponse(AsOfProgressResponse.From(await asOf.GetAsync(day, kind, cancellationToken)));
        }

        var report = await progress.GetReportAsync(kind, cancellationToken);
        var staleCount = await progress.GetStaleCountAsync(kind, stale.Days, cancellationToken);
        var (_, indicatorProgress) = await indicators.GetAsync(cancellationToken);
        return new JsonResponse(ProgressResponse.Create(report, staleCount, stale.Days, indicatorProgress));
    }
}
