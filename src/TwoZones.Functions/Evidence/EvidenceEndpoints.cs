using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Identity;
using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Evidence;

/// <summary>The evidence endpoints, written once for both kinds (<see cref="EvidenceFunctions"/> binds the routes; <see cref="EvidenceContract"/> says what they promise).</summary>
/// <param name="evidence">The evidence store.</param>
public sealed class EvidenceEndpoints(EvidenceRepository evidence)
{
    /// <summary>Stores an uploaded file and records its hash in the item's history.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request; its body is the file, its name in <c>Content-Disposition</c> or <c>?name=</c>.</param>
    /// <param name="id">Item id.</param>
    /// <returns>201 with the file, 200 when the item already has it, or a problem.</returns>
    public async Task<IActionResult> UploadAsync(ItemKind kind, HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CatalogueIds.IsItemId(kind, id))
        {
            return NotFound(kind, id);
        }

        var content = await RequestBody.ReadBytesAsync(request, EvidenceContent.MaxBytes, request.HttpContext.RequestAborted);
        var mediaType = EvidenceContent.Detect(content);
        if (mediaType is null)
        {
            return ApiProblem.Create(
                StatusCodes.Status415UnsupportedMediaType,
                "unsupported-evidence-type",
                "The file is not of an accepted type.",
                $"Evidence must be a {EvidenceContent.Accepted} file; its type is read from its content, not its name.");
        }

        var (outcome, file) = await evidence.AddAsync(kind, id, request.HttpContext.GetCaller(), content, mediaType, FileName(request), request.HttpContext.RequestAborted);
        var itemPath = ItemPath(kind, id);
        return outcome switch
        {
            EvidenceOutcome.NotFound => NotFound(kind, id),
            EvidenceOutcome.Forbidden => ApiProblem.Forbidden($"Only a coordinator or an official of the agency leading {id} may attach evidence to it."),
            EvidenceOutcome.AlreadyAttached => new JsonResponse(EvidenceResponse.From(file!, itemPath)),
            _ => Created(EvidenceResponse.From(file!, itemPath)),
        };
    }

    /// <summary>Lists an item's evidence files.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <param name="id">Item id.</param>
    /// <returns>200 with the files, or 404.</returns>
    public async Task<IActionResult> ListAsync(ItemKind kind, HttpRequest request, string id)
    {
        ArgumentNullException.ThrowIfNull(request);
        var files = CatalogueIds.IsItemId(kind, id) ? await evidence.ListAsync(kind, id, request.HttpContext.RequestAborted) : null;
        return files is null ? NotFound(kind, id) : new JsonResponse(new EvidenceListResponse([.. files.Select(f => EvidenceResponse.From(f, ItemPath(kind, id)))]));
    }

    /// <summary>Returns one file as an attachment.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="request">The request.</param>
    /// <param name="id">Item id.</param>
    /// <param name="sha256">The file's hash.</param>
    /// <returns>200 with the file, or 404.</returns>
    public async Task<IActionResult> DownloadAsync(ItemKind kind, HttpRequest request, string id, string sha256)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = CatalogueIds.IsItemId(kind, id) ? await evidence.DownloadAsync(kind, id, sha256, request.HttpContext.RequestAborted) : null;
        if (file is not { } found)
        {
            return ApiProblem.NotFound($"{id} has no evidence file {sha256}.");
        }

        return new FileResponse(found.Content, found.MediaType, found.FileName ?? sha256);
    }

    private static JsonResponse Created(EvidenceResponse file)
    {
        var response = new JsonResponse(file, StatusCodes.Status201Created);
        response.Headers["Location"] = file.Href;
        return response;
    }

    private static string? FileName(HttpRequest request)
    {
        var name = QueryParameters.Text(request, "name");
        if (name is null && ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var disposition))
        {
            name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        }

        // Only the last path segment, without control characters, and not longer than a file system allows.
        name = name is null ? null : Path.GetFileName(name.Replace('\\', '/'));
        return string.IsNullOrWhiteSpace(name) || name.Any(char.IsControl) || name.Length > 255 ? null : name;
    }

    private static string ItemPath(ItemKind kind, string id) => $"/api/{(kind == ItemKind.Task ? "tasks" : "measures")}/{id}";

    private static JsonResponse NotFound(ItemKind kind, string id) =>
        ApiProblem.NotFound($"There is no {(kind == ItemKind.Task ? "task" : "measure")} {id}.");
}
