using System.Text.Json.Serialization;
using TwoZones.Core.History;

namespace TwoZones.Functions.Items;

/// <summary><c>GET /api/tasks/{id}/history</c>: the entries as stored and whether their hash chain holds.</summary>
/// <param name="Items">Entries in seq order.</param>
/// <param name="ChainValid">Whether no entry was edited, removed or reordered.</param>
/// <param name="FirstBrokenSeq">The seq of the first entry that fails the check, when the chain is broken.</param>
/// <param name="Reason">What failed, when the chain is broken.</param>
internal sealed record HistoryResponse(
    IReadOnlyList<TransitionRecord> Items,
    bool ChainValid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FirstBrokenSeq,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
