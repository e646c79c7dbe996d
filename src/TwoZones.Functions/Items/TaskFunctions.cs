using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Items;

/// <summary>The task routes: <c>/api/tasks</c>, <c>/api/tasks/{id}</c>, <c>/api/tasks/{id}/status</c> and <c>/api/tasks/{id}/history</c>.</summary>
/// <param name="endpoints">The shared item endpoints.</param>
public sealed class TaskFunctions(ItemEndpoints endpoints)
{
    /// <summary>Lists tasks, filtered and paged.</summary>
    /// <param name="req">The request.</param>
    /// <returns>One page of tasks.</returns>
    [Function("ListTasks")]
    [EndpointSummary("List tasks, filtered and paged")]
    [QueryParameter("programme", "Only tasks of this programme, e.g. P03.")]
    [QueryParameter("agency", "Only tasks this agency leads, e.g. BMCB.")]
    [QueryParameter("status", "Only tasks in this status.", Values = ["Proposed", "Commenced", "Completed"])]
    [QueryParameter("overdue", "true: only overdue tasks; false: only those not overdue.", Values = ["true", "false"])]
    [QueryParameter("stale", "true: only stale tasks (Commenced with nothing recorded for TwoZones:StalePeriodDays, default 90); false: only the others.", Values = ["true", "false"])]
    [QueryParameter("pageSize", "Items per page, 1 to 200 (default 100).")]
    [QueryParameter("continuationToken", "The token of the previous page.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    public Task<IActionResult> List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks")] HttpRequest req) =>
        endpoints.ListAsync(ItemKind.Task, req);

    /// <summary>Reads one task.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The task id.</param>
    /// <returns>The task with its version as ETag.</returns>
    [Function("GetTask")]
    [EndpointSummary("One task; its version is the ETag")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}")] HttpRequest req, string id) =>
        endpoints.GetAsync(ItemKind.Task, req, id);

    /// <summary>Moves a task to another status.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The task id.</param>
    /// <param name="client">The durable client, to signal the item's tracker.</param>
    /// <returns>The updated task, or a problem.</returns>
    [Function("ChangeTaskStatus")]
    [EndpointSummary("Move a task to another status (If-Match, Idempotency-Key)")]
    [RequiresRole(Role.Official)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status400BadRequest)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    public Task<IActionResult> ChangeStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tasks/{id}/status")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        endpoints.ChangeStatusAsync(ItemKind.Task, req, id, client);

    /// <summary>Reads a task's history and checks its hash chain.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The task id.</param>
    /// <returns>The entries and whether the chain holds.</returns>
    [Function("GetTaskHistory")]
    [EndpointSummary("A task's history and whether its hash chain holds")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/history")] HttpRequest req, string id) =>
        endpoints.GetHistoryAsync(ItemKind.Task, req, id);
}
