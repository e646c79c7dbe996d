using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;

namespace TwoZones.Core.Progress;

/// <summary>Progress of all tasks, or of all measures.</summary>
/// <param name="Kind">Task or measure (serialized as <c>"task"</c>/<c>"measure"</c>).</param>
/// <param name="Total">All items of the kind.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
public sealed record KindProgress(ItemKind Kind, int Total, int Proposed, int Commenced, int Completed, int Overdue)
{
    /// <summary>Items at least commenced, as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CommencedPct => Percentage.Of(Commenced + Completed, Total);

    /// <summary>Completed items as a percentage of <see cref="Total"/>.</summary>
    [JsonConverter(typeof(OneDecimalJsonConverter))]
    public double CompletedPct => Percentage.Of(Completed, Total);

    /// <summary>The counts alone.</summary>
    [JsonIgnore]
    public ProgressCounts Counts => new(Total, Proposed, Commenced, Completed, Overdue);
}
