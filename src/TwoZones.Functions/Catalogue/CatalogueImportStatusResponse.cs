using System.Text.Json.Serialization;

namespace TwoZones.Functions.Catalogue;

/// <summary><c>GET /api/catalogue/import/{instanceId}</c>: where an import stands.</summary>
internal sealed record CatalogueImportStatusResponse(
    string Id,
    string RuntimeStatus,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    string? Phase,
    CatalogueImportCounts Counts,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Errors,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failure);
