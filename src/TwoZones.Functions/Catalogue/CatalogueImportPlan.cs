namespace TwoZones.Functions.Catalogue;

/// <summary>What an import will do, worked out by the <c>LoadCatalogue</c> activity.</summary>
/// <param name="Agencies">Agencies in the file.</param>
/// <param name="Programmes">Programmes in the file.</param>
/// <param name="Items">Tasks and measures in the file.</param>
/// <param name="Batches">How many <c>ImportCatalogueBatch</c> activities the items need.</param>
/// <param name="BatchSize">Items per batch.</param>
/// <param name="Errors">Validation errors found when the workflow re-checks the stored file; empty when it is importable.</param>
public sealed record CatalogueImportPlan(int Agencies, int Programmes, int Items, int Batches, int BatchSize, IReadOnlyList<string> Errors);
