using System.Text.Json.Serialization;

namespace TwoZones.Core.Progress;

/// <summary>Progress of the items one agency leads.</summary>
/// <param name="Id">Agency id.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Total">All items the agency leads.</param>
/// <param name="Proposed">Items not yet started.</param>
/// <param name="Commenced">Items started and not completed.</param>
/// <param name="Completed">Items done.</param>
/// <param name="Overdue">Overdue items.</param>
public sealed record AgencyProgress(
    string Id, string NameEn, string NameZh, int Total, int Proposed, int Commenced, int Completed, int Overdue)
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
