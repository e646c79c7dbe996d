using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.History;

namespace TwoZones.Core.Indicators;

/// <summary>One entry of an indicator's append-only, hash-chained history: a value reported for a period.</summary>
/// <param name="Seq">1 for the first entry, then consecutive.</param>
/// <param name="Period">The reporting period (see <see cref="ReportingPeriod"/>).</param>
/// <param name="Value">The value, cumulative for the year up to the period's end, in the indicator's unit.</param>
/// <param name="RecordedAt">Server time the entry was written.</param>
/// <param name="Actor">Id of the caller who reported it.</param>
/// <param name="Note">Free text (e.g. the source of the figure).</param>
/// <param name="EvidenceUrl">Optional link to evidence.</param>
/// <param name="PrevHash">Hash of the previous entry, or <see cref="HistoryChain.GenesisHash"/> for the first.</param>
/// <param name="Hash">This entry's hash, see <see cref="IndicatorChain.ComputeHash(string, IndicatorActual)"/>.</param>
public sealed record IndicatorActual(
    int Seq,
    string Period,
    decimal Value,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset RecordedAt,
    string Actor,
    string? Note,
    string? EvidenceUrl,
    string PrevHash,
    string Hash) : IChainEntry;
