using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.History;

/// <summary>One entry of an item's append-only, hash-chained history.</summary>
/// <param name="Seq">1 for the first transition, then consecutive.</param>
/// <param name="From">Status before.</param>
/// <param name="To">Status after.</param>
/// <param name="EffectiveDate">Asia/Shanghai date the change took effect.</param>
/// <param name="RecordedAt">Server time the entry was written.</param>
/// <param name="Actor">Id of the caller who made the change.</param>
/// <param name="Note">Free text; the reason for a reopen.</param>
/// <param name="EvidenceUrl">Optional link to evidence.</param>
/// <param name="PrevHash">Hash of the previous entry, or <see cref="HistoryChain.GenesisHash"/> for the first.</param>
/// <param name="Hash">This entry's hash, see <see cref="HistoryChain.ComputeHash(string, TransitionRecord)"/>.</param>
public sealed record TransitionRecord(
    int Seq,
    ItemStatus From,
    ItemStatus To,
    DateOnly EffectiveDate,
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset RecordedAt,
    string Actor,
    string? Note,
    string? EvidenceUrl,
    string PrevHash,
    string Hash) : IChainEntry;
