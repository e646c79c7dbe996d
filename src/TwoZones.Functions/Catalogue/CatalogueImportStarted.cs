namespace TwoZones.Functions.Catalogue;

/// <summary>The answer to an accepted catalogue import: the import's id and where to follow it.</summary>
/// <param name="Id">The import's id (its orchestration instance), for <c>GET /api/catalogue/import/{id}</c>.</param>
/// <param name="StatusQueryGetUri">Its Durable Functions status URL.</param>
internal sealed record CatalogueImportStarted(string Id, string? StatusQueryGetUri);
