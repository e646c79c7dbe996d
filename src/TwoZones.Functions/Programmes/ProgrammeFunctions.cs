using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Progress;
using TwoZones.Functions.Http;
using TwoZones.Functions.Items;
using TwoZones.Functions.OpenApi;
using TwoZones.Functions.Progress;
using TwoZones.Storage;
using TwoZones.Storage.History;

namespace TwoZones.Functions.Programmes;

/// <summary><c>GET /api/programmes</c> and <c>GET /api/programmes/{id}</c>.</summary>
/// <param name="progress">The in-memory progress of every item.</param>
/// <param name="items">Item storage, for one programme's items.</param>
/// <param name="catalogue">Catalogue metadata.</param>
/// <param name="stale">Judges which items are stale.</param>
/// <param name="asOf">Progress on past days (<c>?asOf=</c>).</param>
/// <param name="time">The server clock.</param>
public sealed class ProgrammeFunctions(
    ProgressCache progress, ItemRepository items, CatalogueRepository catalogue, StalePeriod stale, AsOfProgressCache asOf, TimeProvider time)
{
    /// <summary>Every programme with its progress, in catalogue order.</summary>
    /// <param name="req">The request.</param>
    /// <returns>The programmes.</returns>
    [Function("ListProgrammes")]
    [EndpointSummary("Every programme with its progress")]
    [QueryParameter(AsOfQuery.Name, AsOfQuery.Description)]
    [ProducesResponseType<IReadOnlyList<ProgrammeResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "programmes")] HttpRequest req)
    {
        ArgumentNullException.ThrowIfNull(req);
        var report = await ReportAsync(req, req.HttpContext.RequestAborted);
        var rows = report.Programmes.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var programmes = progress.Programmes
            .Select(p => new ProgrammeResponse(p.Id, p.NameEn, p.NameZh, p.LeadAgency, rows.GetValueOrDefault(p.Id) ?? Empty(p)))
            .ToList();
        return new JsonResponse(programmes);
    }

    /// <summary>One programme with its progress, tasks and measures.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">Programme id, e.g. <c>P03</c>.</param>
    /// <returns>The programme, or 404.</returns>
    [Function("GetProgramme")]
    [EndpointSummary("One programme with its progress, tasks and measures")]
    [QueryParameter(AsOfQuery.Name, AsOfQuery.Description)]
    [ProducesResponseType<ProgrammeResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "programmes/{id}")] HttpRequest req, string id)
    {
        ArgumentNullException.ThrowIfNull(req);
        var cancellationToken = req.HttpContext.RequestAborted;
        var programme = CatalogueIds.Programme.IsMatch(id) ? await catalogue.GetProgrammeAsync(id, cancellationToken) : null;
        if (programme is null)
        {
            return ApiProblem.NotFound($"There is no programme {id}.");
        }

        var report = await ReportAsync(req, cancellationToken);
        var row = report.Programmes.FirstOrDefault(p => p.Id == programme.Id) ?? Empty(programme);
        var tasks = await ReadAllAsync(ItemKind.Task, programme.Id, cancellationToken);
        var measures = await ReadAllAsync(ItemKind.Measure, programme.Id, cancellationToken);
        return new JsonResponse(new ProgrammeResponse(programme.Id, programme.NameEn, programme.NameZh, programme.LeadAgency, row, tasks, measures));
    }

    private async Task<ProgressReport> ReportAsync(HttpRequest req, CancellationToken cancellationToken) =>
        AsOfQuery.Read(req, time) is { } day
            ? (await asOf.GetAsync(day, null, cancellationToken)).Report
            : await progress.GetReportAsync(null, cancellationToken);

    private static ProgrammeProgress Empty(Programme programme) => new(programme.Id, programme.NameEn, programme.NameZh, 0, 0, 0, 0, 0);

    private async Task<List<ItemResponse>> ReadAllAsync(ItemKind kind, string programme, CancellationToken cancellationToken)
    {
        var result = new List<ItemResponse>();
        string? token = null;
        do
        {
            var page = await items.ListAsync(kind, new ItemFilter(Programme: programme), token, ItemRepository.MaxPageSize, cancellationToken);
            result.AddRange(page.Items.Select(r => ItemResponse.From(r, stale.IsStale(r))));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return result;
    }
}
