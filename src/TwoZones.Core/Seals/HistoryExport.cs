using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Seals;

/// <summary>
/// Everything needed to check the history offline (<c>GET /api/history/export</c>): every item's entries and the head its state records,
/// and every seal with the heads it committed to. Read and written with <see cref="HistoryExportJson"/>.
/// </summary>
/// <param name="Format">Always <see cref="FormatName"/>.</param>
/// <param name="ExportedAt">When the export was read.</param>
/// <param name="Items">Every item, by id (ordinal).</param>
/// <param name="Seals">Every seal, oldest first.</param>
public sealed record HistoryExport(
    string Format,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset ExportedAt,
    IReadOnlyList<ExportedItem> Items,
    IReadOnlyList<ExportedSeal> Seals)
{
    /// <summary>The format name and version.</summary>
    public const string FormatName = "twozones-history-export-v1";
}
