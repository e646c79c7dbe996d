namespace TwoZones.Storage.Evidence;

/// <summary>An evidence file attached to an item.</summary>
/// <param name="Sha256">SHA-256 of the content, lowercase hex (the file's name in the API and in the item's history).</param>
/// <param name="MediaType">The type detected from the content.</param>
/// <param name="Size">Bytes.</param>
/// <param name="FileName">The name the uploader gave, if any.</param>
/// <param name="UploadedAt">When it was stored.</param>
/// <param name="UploadedBy">Who uploaded it.</param>
/// <param name="Seq">The history entry that records it.</param>
public sealed record EvidenceFile(string Sha256, string MediaType, long Size, string? FileName, DateTimeOffset UploadedAt, string UploadedBy, int Seq);
