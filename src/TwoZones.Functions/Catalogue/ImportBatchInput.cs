namespace TwoZones.Functions.Catalogue;

/// <summary>The input of one <c>ImportCatalogueBatch</c> activity: a slice of the stored file's items.</summary>
/// <param name="UploadId">Where the file is stored.</param>
/// <param name="Index">Zero-based batch number.</param>
/// <param name="Size">Items per batch; the batch covers items <c>Index * Size</c> up to the next batch.</param>
/// <param name="Actor">Recorded as the items' author.</param>
public sealed record ImportBatchInput(string UploadId, int Index, int Size, string Actor);
