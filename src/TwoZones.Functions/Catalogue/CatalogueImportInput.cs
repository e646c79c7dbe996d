namespace TwoZones.Functions.Catalogue;

/// <summary>The input of the <c>CatalogueImport</c> orchestration.</summary>
/// <param name="UploadId">Where the validated file is stored (the instance id).</param>
/// <param name="Actor">Id of the coordinator who uploaded it, recorded as the items' author.</param>
public sealed record CatalogueImportInput(string UploadId, string Actor);
