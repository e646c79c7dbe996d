using TwoZones.Core.Lifecycle;
using TwoZones.Functions.Http;
using TwoZones.Functions.Spreadsheets;
using TwoZones.Storage;
using CatalogueDocument = TwoZones.Core.Catalogue.Catalogue;

namespace TwoZones.Functions.Catalogue;

/// <summary>
/// Turns an items sheet (CSV or workbook, as <c>GET /api/export</c> writes it) into a catalogue: the items come from the rows, the
/// agencies and programmes from the stored catalogue (a sheet has one row per item and no room for them).
/// </summary>
/// <param name="catalogue">The stored agencies and programmes.</param>
public sealed class SheetCatalogues(CatalogueRepository catalogue)
{
    /// <summary>Most rows a catalogue sheet may have: the programme's ~750 items many times over.</summary>
    public const int MaxRows = 20_000;

    /// <summary>Reads the sheet.</summary>
    /// <param name="bytes">The uploaded file.</param>
    /// <param name="format">Its format.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The catalogue and the sheet row of each item id (for naming rows in later errors).</returns>
    /// <exception cref="ApiProblemException">400 when the file is not a readable sheet or a cell cannot be read, every problem listed by row and column.</exception>
    public async Task<(CatalogueDocument Catalogue, IReadOnlyDictionary<string, int> RowOf)> ReadAsync(byte[] bytes, SheetFormat format, CancellationToken cancellationToken)
    {
        var table = SheetUpload.Read(bytes, format, MaxRows);

        var errors = new SheetErrors();
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = ItemSheet.ReadItems(table, errors, rowOf);
        SheetUpload.ThrowIfAny(errors, "imported");

        var agencies = await catalogue.GetAgenciesAsync(cancellationToken);
        var programmes = await catalogue.GetProgrammesAsync(cancellationToken);
        var document = new CatalogueDocument(
            agencies,
            programmes,
            [.. items.Where(i => i.Kind == ItemKind.Task)],
            [.. items.Where(i => i.Kind == ItemKind.Measure)]);
        return (document, rowOf);
    }
}
