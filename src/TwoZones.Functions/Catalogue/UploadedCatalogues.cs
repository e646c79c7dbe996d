using System.Text;
using TwoZones.Storage.Uploads;
using CatalogueDocument = TwoZones.Core.Catalogue.Catalogue;
using CatalogueJson = TwoZones.Core.Catalogue.CatalogueJson;

namespace TwoZones.Functions.Catalogue;

/// <summary>
/// Parsed catalogues of recent uploads, so the import's many batch activities parse a large file once per process rather than once each.
/// Storage stays the source: a process that has not seen the upload reads it from the uploads table.
/// </summary>
/// <param name="uploads">The stored uploads.</param>
public sealed class UploadedCatalogues(UploadRepository uploads)
{
    private const int Kept = 2;

    private readonly Lock _lock = new();
    private readonly List<(string Id, CatalogueDocument Catalogue)> _recent = [];

    /// <summary>The parsed catalogue of an upload.</summary>
    /// <param name="uploadId">The upload's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The catalogue.</returns>
    /// <exception cref="InvalidOperationException">No upload has that id.</exception>
    public async Task<CatalogueDocument> GetAsync(string uploadId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var hit = _recent.FindIndex(r => r.Id == uploadId);
            if (hit >= 0)
            {
                return _recent[hit].Catalogue;
            }
        }

        var bytes = await uploads.LoadAsync(uploadId, cancellationToken)
            ?? throw new InvalidOperationException($"The upload {uploadId} is not stored.");
        var catalogue = CatalogueJson.Parse(Encoding.UTF8.GetString(bytes));
        lock (_lock)
        {
            _recent.RemoveAll(r => r.Id == uploadId);
            _recent.Add((uploadId, catalogue));
            if (_recent.Count > Kept)
            {
                _recent.RemoveAt(0);
            }
        }

        return catalogue;
    }
}
