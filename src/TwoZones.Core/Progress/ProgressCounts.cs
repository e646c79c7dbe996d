using System.Text.Json.Serialization;

namespace TwoZones.Core.Progress;

/// <summary>Counts of items by status, with the derived percentages.</summary>
/// <param name="Total">All items counted.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Items whose next planned date has passed.</param>
public sealed record ProgressCounts(int Total, int Proposed, int Commenced, int Completed, int Overdue)
{
    /// <summary>No items.</summary>
    public static ProgressCounts Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>Items at least commenced (Commenced or Completed), as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CommencedPct => Percentage.Of(Commenced + Completed, Total);

    /// <summary>Completed items as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CompletedPct => Percentage.Of(Completed, Total);
}
