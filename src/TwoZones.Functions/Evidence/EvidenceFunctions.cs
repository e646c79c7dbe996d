using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Identity;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Evidence;

/// <summary>The evidence routes: <c>/api/{tasks|measures}/{id}/evidence</c> and <c>/api/{tasks|measures}/{id}/evidence/{sha256}</c>.</summary>
/// <param name="endpoints">The shared evidence endpoints.</param>
public sealed class EvidenceFunctions(EvidenceEndpoints endpoints)
{
    private const string UploadDescription =
        "The body is the file (any Content-Type; its type is detected from the content): PDF, PNG, JPEG, DOCX or XLSX, at most 10 MiB. "
        + "Coordinators, and officials of the item's lead agency, may attach. The file goes to Blob Storage and its SHA-256 into the item's "
        + "history as an entry that keeps the status and cites it as evidenceUrl sha256:<hash>, so GET .../history reports chainValid false "
        + "if the stored file is later replaced. A status change may cite an uploaded file the same way.";

    /// <summary>Attaches an evidence file to a task.</summary>
    /// <param name="req">The request; the body is the file.</param>
    /// <param name="id">The task id.</param>
    /// <returns>201 with the file (200 if the task already has it), or a problem.</returns>
    [Function("UploadTaskEvidence")]
    [RequiresRole(Role.Official)]
    [EndpointSummary("Attach an evidence file to a task (PDF, PNG, JPEG, DOCX, XLSX; at most 10 MiB)")]
    [EndpointDescription(UploadDescription)]
    [QueryParameter("name", "The file's name, when Content-Disposition does not give it.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> UploadTask([HttpTrigger(AuthorizationLevel.Function, "post", Route = "tasks/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.UploadAsync(ItemKind.Task, req, id);

    /// <summary>Lists a task's evidence files.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The task id.</param>
    /// <returns>The files.</returns>
    [Function("ListTaskEvidence")]
    [EndpointSummary("A task's evidence files, in upload order")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> ListTask([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.ListAsync(ItemKind.Task, req, id);

    /// <summary>Downloads one of a task's evidence files.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The task id.</param>
    /// <param name="sha256">The file's SHA-256.</param>
    /// <returns>The file as an attachment.</returns>
    [Function("GetTaskEvidence")]
    [Produces("application/pdf", "image/png", "image/jpeg", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [EndpointSummary("One evidence file of a task, as an attachment (X-Content-Type-Options: nosniff)")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetTask([HttpTrigger(AuthorizationLevel.Function, "get", Route = "tasks/{id}/evidence/{sha256}")] HttpRequest req, string id, string sha256) =>
        endpoints.DownloadAsync(ItemKind.Task, req, id, sha256);

    /// <summary>Attaches an evidence file to a measure.</summary>
    /// <param name="req">The request; the body is the file.</param>
    /// <param name="id">The measure id.</param>
    /// <returns>201 with the file (200 if the measure already has it), or a problem.</returns>
    [Function("UploadMeasureEvidence")]
    [RequiresRole(Role.Official)]
    [EndpointSummary("Attach an evidence file to a measure (PDF, PNG, JPEG, DOCX, XLSX; at most 10 MiB)")]
    [EndpointDescription(UploadDescription)]
    [QueryParameter("name", "The file's name, when Content-Disposition does not give it.")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status201Created)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status413PayloadTooLarge)]
    [ProducesResponseType(StatusCodes.Status415UnsupportedMediaType)]
    public Task<IActionResult> UploadMeasure([HttpTrigger(AuthorizationLevel.Function, "post", Route = "measures/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.UploadAsync(ItemKind.Measure, req, id);

    /// <summary>Lists a measure's evidence files.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The measure id.</param>
    /// <returns>The files.</returns>
    [Function("ListMeasureEvidence")]
    [EndpointSummary("A measure's evidence files, in upload order")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> ListMeasure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/evidence")] HttpRequest req, string id) =>
        endpoints.ListAsync(ItemKind.Measure, req, id);

    /// <summary>Downloads one of a measure's evidence files.</summary>
    /// <param name="req">The request.</param>
    /// <param name="id">The measure id.</param>
    /// <param name="sha256">The file's SHA-256.</param>
    /// <returns>The file as an attachment.</returns>
    [Function("GetMeasureEvidence")]
    [Produces("application/pdf", "image/png", "image/jpeg", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [EndpointSummary("One evidence file of a measure, as an attachment (X-Content-Type-Options: nosniff)")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public Task<IActionResult> GetMeasure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "measures/{id}/evidence/{sha256}")] HttpRequest req, string id, string sha256) =>
        endpoints.DownloadAsync(ItemKind.Measure, req, id, sha256);
}
