using System.Text.Json.Serialization;

namespace TwoZones.Core.Progress;

/// <summary>
/// Counts of items by status with the derived percentages: the figures the overall report and every breakdown carry. In JSON they
/// follow the breakdown's own key (<c>id</c>, <c>district</c>, <c>kind</c>) in this order, percentages last.
/// </summary>
/// <param name="Total">All items counted.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Items whose next planned date has passed.</param>
public abstract record ProgressFigures(int Total, int Proposed, int Commenced, int Completed, int Overdue)
{
    /// <summary>Items at least commenced (Commenced or Completed), as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CommencedPct => Percentage.Of(Commenced + Completed, Total);

    /// <summary>Completed items as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CompletedPct => Percentage.Of(Completed, Total);

    /// <summary>The counts alone, without what they are counts of.</summary>
    [JsonIgnore]
    public ProgressCounts Counts => this as ProgressCounts ?? new(Total, Proposed, Commenced, Completed, Overdue);
}
