using System.Text.Json.Serialization;
using TwoZones.Core.Catalogue;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Digest;

/// <summary>The stored figures of an earlier progress report, for trends and week-over-week deltas.</summary>
/// <param name="AsOf">The instant the figures describe.</param>
/// <param name="Overall">Overall counts.</param>
/// <param name="Programmes">Counts per programme id.</param>
public sealed record ProgressSnapshot(
    [property: JsonConverter(typeof(UtcInstantJsonConverter))] DateTimeOffset AsOf, ProgressCounts Overall, IReadOnlyDictionary<string, ProgressCounts> Programmes)
{
    /// <summary>Keeps the numbers of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Its snapshot.</returns>
    public static ProgressSnapshot From(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var programmes = new Dictionary<string, ProgressCounts>(StringComparer.Ordinal);
        foreach (var programme in report.Programmes)
        {
            programmes[programme.Id] = programme.Counts;
        }

        return new ProgressSnapshot(report.AsOf, report.Overall, programmes);
    }
}
