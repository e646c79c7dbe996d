using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Items;

/// <summary>The measure routes: <c>/api/measures</c>, <c>/api/measures/{id}</c>, <c>/api/measures/{id}/status</c> and <c>/api/measures/{id}/history</c>.</summary>
/// <param name="endpoints">The shared item endpoints.</param>
public sealed class MeasureFunctions(ItemEndpoints endpoints)
{
    /// <summary>Lists measures, filtered and paged.</summary>
    /// <param name="req">The request.</param>
    /// <returns>One page of measures.</returns>
    [Function("ListMeasures")]
    [EndpointSummary("List measures, filtered and paged")]
    [QueryParameter("programme", "Only measures of this programme, e.g. P03.")]
    [QueryParameter("agency", "Only measures this agency leads, e.g. BMCB.")]
    [QueryParameter("status", "Only measures in this status.", Values = ["Proposed", "Commenced", "Completed"])]
    [QueryParameter("overdue", "true: only overdue measures; false: only those not overdue.", Values = ["true", "false"])]
    [QueryParameter("stale", "true: only stale measures (Commenced with nothing recorded for TwoZones:StalePeriodDays, default 90); false: only the others.", Values = ["true", "false"])]
    [QueryParameter("pageSize", "Items per page, 1 to 200 (default 100).")]
    [QueryParameter("continuationToken", "The token of the previous page.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures")] HttpRequest req) =>
        endpoints.ListAsync(ItemKind.Measure, req);

    /// <summary>Reads one measure.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The measure id.</param>
    /// <returns>The measure with its version as ETag.</returns>
    [Function("GetMeasure")]
    [EndpointSummary("One measure; its version is the ETag")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}")] HttpRequest req, string id) =>
        endpoints.GetAsync(ItemKind.Measure, req, id);

    /// <summary>Moves a measure to another status.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The measure id.</param>
    /// <param name="client">The durable client, to signal the item's tracker.</param>
    /// <returns>The updated measure, or a problem.</returns>
    [Function("ChangeMeasureStatus")]
    [EndpointSummary("Move a measure to another status (If-Match, Idempotency-Key)")]
    [RequiresRole(Role.Official)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "measures/{id}/status")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        endpoints.ChangeStatusAsync(ItemKind.Measure, req, id, client);

    /// <summary>Reads a measure's history and checks its hash chain.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The measure id.</param>
    /// <returns>The entries and whether the chain holds.</returns>
    [Function("GetMeasureHistory")]
    [EndpointSummary("A measure's history and whether its hash chain holds")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/history")] HttpRequest req, string id) =>
        endpoints.GetHistoryAsync(ItemKind.Measure, req, id);
}
