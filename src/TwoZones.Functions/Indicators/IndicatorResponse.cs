using System.Text.Json.Serialization;
using TwoZones.Core.Indicators;
using TwoZones.Core.Progress;

namespace TwoZones.Functions.Indicators;

/// <summary>An indicator as <c>GET /api/indicators/{id}</c> shows it: definition, latest actual, progress against target, and every period's value.</summary>
internal sealed record IndicatorResponse(
    string Id,
    int Year,
    string NameEn,
    string NameZh,
    string Unit,
    decimal? Target,
    string LeadAgency,
    bool Derived,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Numerator,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Denominator,
    decimal? Actual,
    string? ActualPeriod,
    [property: JsonConverter(typeof(NullableOneDecimalJsonConverter))] double? ProgressPct,
    bool? Met,
    string? Source,
    IReadOnlyList<IndicatorPeriodValue> Periods,
    int HistoryLength,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    /// <summary>The response for an indicator and its computed progress.</summary>
    public static IndicatorResponse From(IndicatorProgress progress, Storage.Indicators.IndicatorRecord record) => new(
        progress.Id, progress.Year, progress.NameEn, progress.NameZh, progress.Unit, progress.Target, progress.LeadAgency, progress.Derived,
        progress.Numerator, progress.Denominator, progress.Actual, progress.ActualPeriod, progress.ProgressPct, progress.Met, progress.Source,
        [.. record.Periods
            .Select(p => (Text: p.Key, p.Value, Parsed: ReportingPeriod.TryParse(p.Key, out var parsed) ? parsed.End : DateOnly.MaxValue))
            .OrderBy(p => p.Parsed).ThenBy(p => p.Text, StringComparer.Ordinal)
            .Select(p => new IndicatorPeriodValue(p.Text, p.Value.Value, p.Value.Seq))],
        record.HistoryLength, record.UpdatedAt, record.UpdatedBy);
}
