using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using TwoZones.Core.Catalogue;

namespace TwoZones.Functions.Items;

/// <summary>
/// The routes of the item endpoints under <c>/api/tasks</c> and <c>/api/measures</c>. The Functions model binds a route to one
/// <c>[Function]</c> method with a constant route, so each kind repeats the four methods below; that repeat is all they share:
/// behaviour is <see cref="ItemEndpoints"/>, the contract (summary, parameters, role, responses) is <see cref="ItemContract"/>.
/// </summary>
/// <param name="endpoints">The item endpoints.</param>
public sealed class ItemFunctions(ItemEndpoints endpoints)
{
#pragma warning disable CS1591 // Each method only binds a route; ItemContract documents it, and GET /api/openapi.json shows that.
    [Function("ListTasks")]
    [ItemEndpoint(ItemKind.Task, ItemOperation.List)]
    public Task<IActionResult> ListTasks([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks")] HttpRequest req) =>
        endpoints.ListAsync(ItemKind.Task, req);

    [Function("GetTask")]
    [ItemEndpoint(ItemKind.Task, ItemOperation.Get)]
    public Task<IActionResult> GetTask([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}")] HttpRequest req, string id) =>
        endpoints.GetAsync(ItemKind.Task, req, id);

    [Function("ChangeTaskStatus")]
    [ItemEndpoint(ItemKind.Task, ItemOperation.ChangeStatus)]
    public Task<IActionResult> ChangeTaskStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "tasks/{id}/status")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        endpoints.ChangeStatusAsync(ItemKind.Task, req, id, client);

    [Function("GetTaskHistory")]
    [ItemEndpoint(ItemKind.Task, ItemOperation.GetHistory)]
    public Task<IActionResult> GetTaskHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/history")] HttpRequest req, string id) =>
        endpoints.GetHistoryAsync(ItemKind.Task, req, id);

    [Function("ListMeasures")]
    [ItemEndpoint(ItemKind.Measure, ItemOperation.List)]
    public Task<IActionResult> ListMeasures([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures")] HttpRequest req) =>
        endpoints.ListAsync(ItemKind.Measure, req);

    [Function("GetMeasure")]
    [ItemEndpoint(ItemKind.Measure, ItemOperation.Get)]
    public Task<IActionResult> GetMeasure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}")] HttpRequest req, string id) =>
        endpoints.GetAsync(ItemKind.Measure, req, id);

    [Function("ChangeMeasureStatus")]
    [ItemEndpoint(ItemKind.Measure, ItemOperation.ChangeStatus)]
    public Task<IActionResult> ChangeMeasureStatus(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "measures/{id}/status")] HttpRequest req, string id, [DurableClient] DurableTaskClient client) =>
        endpoints.ChangeStatusAsync(ItemKind.Measure, req, id, client);

    [Function("GetMeasureHistory")]
    [ItemEndpoint(ItemKind.Measure, ItemOperation.GetHistory)]
    public Task<IActionResult> GetMeasureHistory([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/history")] HttpRequest req, string id) =>
        endpoints.GetHistoryAsync(ItemKind.Measure, req, id);
#pragma warning restore CS1591
}
