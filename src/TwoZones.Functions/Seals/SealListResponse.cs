using TwoZones.Core.Seals;

namespace TwoZones.Functions.Seals;

/// <summary>The body of <c>GET /api/seals</c>.</summary>
/// <param name="Items">Seals, newest first.</param>
public sealed record SealListResponse(IReadOnlyList<Seal> Items);
