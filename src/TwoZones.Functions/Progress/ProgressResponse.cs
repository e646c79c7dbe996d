using System.Text.Json;
using System.Text.Json.Nodes;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;
using TwoZones.Functions.Http;

namespace TwoZones.Functions.Progress;

/// <summary>
/// <c>GET /api/progress</c>'s body: the progress report as it always was, followed by <c>stale</c> (commenced items without news for
/// <c>staleAfterDays</c>) and <c>indicators</c> (progress against target).
/// </summary>
internal static class ProgressResponse
{
    /// <summary>The body.</summary>
    /// <param name="report">The report.</param>
    /// <param name="stale">How many of its items are stale.</param>
    /// <param name="staleAfterDays">The stale period.</param>
    /// <param name="indicators">Every indicator's progress.</param>
    /// <returns>A JSON object.</returns>
    public static JsonObject Create(ProgressReport report, int stale, int staleAfterDays, IReadOnlyList<IndicatorProgress> indicators)
    {
        var body = JsonSerializer.SerializeToNode(report, ApiJson.Options)!.AsObject();
        body["stale"] = stale;
        body["staleAfterDays"] = staleAfterDays;
        body["indicators"] = JsonSerializer.SerializeToNode(indicators, ApiJson.Options);
        return body;
    }
}
