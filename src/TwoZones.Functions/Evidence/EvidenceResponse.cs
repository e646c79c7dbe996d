using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Evidence;

/// <summary>An evidence file as the API lists it.</summary>
/// <param name="Sha256">SHA-256 of the content; cite it in a status change as <c>evidenceUrl: "sha256:…"</c>.</param>
/// <param name="MediaType">The type detected from the content.</param>
/// <param name="Size">Bytes.</param>
/// <param name="FileName">The name the uploader gave.</param>
/// <param name="UploadedAt">When it was stored.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="Seq">The history entry that records it.</param>
/// <param name="Href">Where to download it.</param>
internal sealed record EvidenceResponse(string Sha256, string MediaType, long Size, string? FileName, DateTimeOffset UploadedAt, string UploadedBy, int Seq, string Href)
{
    /// <summary>The response for a stored file.</summary>
    public static EvidenceResponse From(EvidenceFile file, string itemPath) =>
        new(file.Sha256, file.MediaType, file.Size, file.FileName, file.UploadedAt, file.UploadedBy, file.Seq, $"{itemPath}/evidence/{file.Sha256}");
}
