namespace TwoZones.Functions.Evidence;

/// <summary>An item's evidence files, in upload order.</summary>
/// <param name="Items">The files.</param>
internal sealed record EvidenceListResponse(IReadOnlyList<EvidenceResponse> Items);
