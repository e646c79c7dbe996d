using System.Text.Json.Serialization;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>Change since the previous snapshot.</summary>
/// <param name="Commenced">Change in items at least commenced (Commenced or Completed), matching <c>commencedPct</c>.</param>
/// <param name="Completed">Change in completed items.</param>
/// <param name="Overdue">Change in overdue items.</param>
/// <param name="CommencedPct">Change of the commenced percentage, in percentage points, one decimal.</param>
/// <param name="CompletedPct">Change of the completed percentage, in percentage points, one decimal.</param>
public sealed record DigestDeltas(
    int Commenced,
    int Completed,
    int Overdue,
    [property: JsonConverter(typeof(OneDecimalJsonConverter))] double CommencedPct,
    [property: JsonConverter(typeof(OneDecimalJsonConverter))] double CompletedPct)
{
    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/>.</summary>
    /// <param name="current">The newer counts.</param>
    /// <param name="previous">The older counts.</param>
    /// <returns>current − previous, field by field.</returns>
    public static DigestDeltas Between(ProgressCounts current, ProgressCounts previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        return new DigestDeltas(
            current.Commenced + current.Completed - (previous.Commenced + previous.Completed),
            current.Completed - previous.Completed,
            current.Overdue - previous.Overdue,
            Percentage.PointsDelta(current.CommencedPct, previous.CommencedPct),
            Percentage.PointsDelta(current.CompletedPct, previous.CompletedPct));
    }
}
