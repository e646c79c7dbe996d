namespace TwoZones.Functions.Catalogue;

/// <summary>The custom status, and finally the output, of the <c>CatalogueImport</c> orchestration.</summary>
/// <param name="Phase">One of <see cref="CatalogueImportPhase"/>.</param>
/// <param name="Items">Tasks and measures in the file.</param>
/// <param name="Batches">Batches to import.</param>
/// <param name="BatchesDone">Batches imported so far.</param>
/// <param name="Created">Items created so far.</param>
/// <param name="Unchanged">Items that already existed (left as they were).</param>
/// <param name="Errors">Why the file was rejected, when it was.</param>
public sealed record CatalogueImportProgress(string Phase, int Items, int Batches, int BatchesDone, int Created, int Unchanged, IReadOnlyList<string> Errors);
