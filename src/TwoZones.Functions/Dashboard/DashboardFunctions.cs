using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;
using TwoZones.Functions.Progress;

namespace TwoZones.Functions.Dashboard;

/// <summary><c>GET /api/dashboard</c>: a server-rendered HTML page of progress, trend and overdue items.</summary>
/// <param name="reader">Reads what the page shows.</param>
/// <param name="time">The server clock, for the date picker's bounds.</param>
public sealed class DashboardFunctions(DashboardModelReader reader, TimeProvider time)
{
    /// <summary>The dashboard in English or Chinese (<c>?lang=en|zh</c>); opened in a browser with the key in <c>?code=</c>.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The page (<c>text/html</c>).</returns>
    [Function("GetDashboard")]
    [Produces("text/html")]
    [RequiresRole(Role.Viewer)]
    [EndpointSummary("Progress dashboard (HTML page)")]
    [EndpointDescription(
        "A self-contained text/html page: overall progress, progress bars by programme, lead agency and district, indicators against their "
        + "targets, the latest seal of the history, the trend of the last 12 weeks of snapshots, and overdue items by lead agency; a date picker "
        + "shows the figures at the end of a past day (?asOf=); it prints as a one-page report. Open it in a "
        + "browser with the API key in ?code=; the language switch keeps it.")]
    [QueryParameter("lang", "Language of labels and names: en (default) or zh.", Values = ["en", "zh"])]
    [QueryParameter(AsOfQuery.Name, "A day (YYYY-MM-DD, Asia/Shanghai): the overall, programme, agency and district figures as they stood at its end (the page's date picker sets it).")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "dashboard")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var language = Language(req);

        // Only a key that came in the query string is repeated in links; a header key stays out of the page.
        var code = QueryParameters.Text(req, "code");
        var model = await reader.ReadAsync(code, AsOfQuery.Read(req, time), req.HttpContext.RequestAborted);
        return new HtmlResponse(DashboardPage.Render(model, language));
    }

    private static DashboardLanguage Language(HttpRequest req) => QueryParameters.Text(req, "lang") switch
    {
        null => DashboardLanguage.En,
        var v when v.Equals("en", StringComparison.OrdinalIgnoreCase) => DashboardLanguage.En,
        var v when v.Equals("zh", StringComparison.OrdinalIgnoreCase) => DashboardLanguage.Zh,
        var v => throw QueryParameters.Invalid("lang", $"'{v}' is not a language; use en or zh."),
    };
}
