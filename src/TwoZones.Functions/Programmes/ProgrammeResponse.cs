using System.Text.Json.Serialization;
using TwoZones.Core.Progress;
using TwoZones.Functions.Items;

namespace TwoZones.Functions.Programmes;

/// <summary>A programme with its progress; with its tasks and measures when one programme is asked for.</summary>
internal sealed record ProgrammeResponse(
    string Id,
    string NameEn,
    string NameZh,
    string LeadAgency,
    ProgrammeProgress Progress,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ItemResponse>? Tasks = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ItemResponse>? Measures = null);
