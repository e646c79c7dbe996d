using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Progress;

/// <summary>
/// Progress of the catalogue at an instant: overall counts (flattened onto the report, as <c>GET /api/progress</c> returns them)
/// and breakdowns by programme, lead agency, district and kind. Each breakdown sums to the overall counts.
/// </summary>
/// <param name="AsOf">The instant the figures describe.</param>
/// <param name="Total">All items counted.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
/// <param name="Programmes">Every programme of the catalogue, in catalogue order, even those without items.</param>
/// <param name="Agencies">Every agency of the catalogue, by the items it leads, in catalogue order.</param>
/// <param name="Districts">Each district with items, ordered by code; items without district last, under <see langword="null"/>.</param>
/// <param name="Kinds">Tasks, then measures.</param>
public sealed record ProgressReport(
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset AsOf,
    int Total,
    int Proposed,
    int Commenced,
    int Completed,
    int Overdue,
    [property: JsonPropertyOrder(10)] IReadOnlyList<ProgrammeProgress> Programmes,
    [property: JsonPropertyOrder(11)] IReadOnlyList<AgencyProgress> Agencies,
    [property: JsonPropertyOrder(12)] IReadOnlyList<DistrictProgress> Districts,
    [property: JsonPropertyOrder(13)] IReadOnlyList<KindProgress> Kinds)
    : ProgressFigures(Total, Proposed, Commenced, Completed, Overdue)
{
    /// <summary>The overall counts alone.</summary>
    [JsonIgnore]
    public ProgressCounts Overall => Counts;
}
