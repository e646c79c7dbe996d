namespace TwoZones.Functions.Catalogue;

/// <summary>The counts of an import so far.</summary>
/// <param name="Items">Tasks and measures in the file.</param>
/// <param name="Batches">Batches to import.</param>
/// <param name="BatchesDone">Batches imported.</param>
/// <param name="Created">Items created.</param>
/// <param name="Unchanged">Items that already existed.</param>
internal sealed record CatalogueImportCounts(int Items, int Batches, int BatchesDone, int Created, int Unchanged);
