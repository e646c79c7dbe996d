using System.Text.Json.Serialization;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>One programme's line in the digest table.</summary>
/// <param name="Id">Programme id.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Total">All items.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
/// <param name="CommencedPct">Items at least commenced, percent.</param>
/// <param name="CompletedPct">Completed items, percent.</param>
/// <param name="Deltas">Change since the previous snapshot; <see langword="null"/> when there is none for this programme.</param>
public sealed record DigestProgrammeRow(
    string Id,
    string NameEn,
    string NameZh,
    int Total,
    int Proposed,
    int Commenced,
    int Completed,
    int Overdue,
    [property: JsonConverter(typeof(OneDecimalJsonConverter))] double CommencedPct,
    [property: JsonConverter(typeof(OneDecimalJsonConverter))] double CompletedPct,
    DigestDeltas? Deltas);
