using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Functions.Evidence;

/// <summary>
/// The evidence routes under <c>/api/{tasks|measures}/{id}/evidence</c>. The Functions model binds a route to one <c>[Function]</c>
/// method with a constant route, so each kind repeats the three methods below; that repeat is all they share: behaviour is
/// <see cref="EvidenceEndpoints"/>, the contract (summary, parameters, role, responses) is <see cref="EvidenceContract"/>.
/// </summary>
/// <param name="endpoints">The shared evidence endpoints.</param>
public sealed class EvidenceFunctions(EvidenceEndpoints endpoints)
{
#pragma warning disable CS1591 // Each method only binds a route; EvidenceContract documents it, and GET /api/openapi.json shows that.
    [Function("UploadTaskEvidence")]
    [EvidenceEndpoint(ItemKind.Task, EvidenceOperation.Upload)]
    public Task<IActionResult> UploadTask([HttpTrigger(AuthorizationLevel.Function, "post", Route = "tasks/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.UploadAsync(ItemKind.Task, req, id);

    [Function("ListTaskEvidence")]
    [EvidenceEndpoint(ItemKind.Task, EvidenceOperation.List)]
    public Task<IActionResult> ListTask([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.ListAsync(ItemKind.Task, req, id);

    [Function("GetTaskEvidence")]
    [EvidenceEndpoint(ItemKind.Task, EvidenceOperation.Download)]
    public Task<IActionResult> GetTask([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/evidence/{sha256}")] HttpRequest req, string id, string sha256) =>
        endpoints.DownloadAsync(ItemKind.Task, req, id, sha256);

    [Function("UploadMeasureEvidence")]
    [EvidenceEndpoint(ItemKind.Measure, EvidenceOperation.Upload)]
    public Task<IActionResult> UploadMeasure([HttpTrigger(AuthorizationLevel.Function, "post", Route = "measures/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.UploadAsync(ItemKind.Measure, req, id);

    [Function("ListMeasureEvidence")]
    [EvidenceEndpoint(ItemKind.Measure, EvidenceOperation.List)]
    public Task<IActionResult> ListMeasure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.ListAsync(ItemKind.Measure, req, id);

    [Function("GetMeasureEvidence")]
    [EvidenceEndpoint(ItemKind.Measure, EvidenceOperation.Download)]
    public Task<IActionResult> GetMeasure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/evidence/{sha256}")] HttpRequest req, string id, string sha256) =>
        endpoints.DownloadAsync(ItemKind.Measure, req, id, sha256);
#pragma warning restore CS1591
}
