using System.Text.Json.Serialization;
using TwoZones.Core.Indicators;

namespace TwoZones.Functions.Indicators;

/// <summary><c>GET /api/indicators/{id}/history</c>: the reported actuals in seq order and whether the hash chain holds.</summary>
internal sealed record IndicatorHistoryResponse(
    IReadOnlyList<IndicatorActual> Items,
    bool ChainValid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? FirstBrokenSeq,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
