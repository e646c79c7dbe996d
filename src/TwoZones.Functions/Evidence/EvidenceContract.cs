using Microsoft.AspNetCore.Http;
using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.OpenApi;

namespace TwoZones.Functions.Evidence;

/// <summary>
/// The contract of the evidence endpoints, written once for both kinds: summary, parameters, least role, media types and the
/// statuses <see cref="EvidenceEndpoints"/> answers with. Tasks and measures differ only in the words used.
/// </summary>
internal static class EvidenceContract
{
    private const string UploadDescription =
        "The body is the file (any Content-Type; its type is detected from the content): PDF, PNG, JPEG, DOCX or XLSX, at most 10 MiB. "
        + "Coordinators, and officials of the item's lead agency, may attach. The file goes to Blob Storage and its SHA-256 into the item's "
        + "history as an entry that keeps the status and cites it as evidenceUrl sha256:<hash>, so GET .../history reports chainValid false "
        + "if the stored file is later replaced. A status change may cite an uploaded file the same way.";

    /// <summary>The contract of one evidence endpoint.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="operation">What the endpoint does.</param>
    public static EndpointContract Of(ItemKind kind, EvidenceOperation operation)
    {
        var one = kind == ItemKind.Task ? "task" : "measure";
        return operation switch
        {
            EvidenceOperation.Upload => new EndpointContract(
                $"Attach an evidence file to a {one} (PDF, PNG, JPEG, DOCX, XLSX; at most 10 MiB)",
                Role.Official,
                [
                    new(StatusCodes.Status200OK, typeof(EvidenceResponse)),
                    new(StatusCodes.Status201Created, typeof(EvidenceResponse)),
                    new(StatusCodes.Status403Forbidden),
                    new(StatusCodes.Status404NotFound),
                    new(StatusCodes.Status413PayloadTooLarge),
                    new(StatusCodes.Status415UnsupportedMediaType),
                ])
            {
                Description = UploadDescription,
                Query = [new QueryParameterAttribute("name", "The file's name, when Content-Disposition does not give it.")],
            },
            EvidenceOperation.List => new EndpointContract(
                $"A {one}'s evidence files, in upload order",
                Role.Viewer,
                [new(StatusCodes.Status200OK, typeof(EvidenceListResponse)), new(StatusCodes.Status404NotFound)]),
            EvidenceOperation.Download => new EndpointContract(
                $"One evidence file of a {one}, as an attachment (X-Content-Type-Options: nosniff)",
                Role.Viewer,
                [new(StatusCodes.Status200OK), new(StatusCodes.Status404NotFound)])
            {
                ContentTypes = EvidenceContent.MediaTypes,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
        };
    }
}
