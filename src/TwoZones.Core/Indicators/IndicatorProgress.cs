using System.Text.Json.Serialization;
using TwoZones.Core.Progress;

namespace TwoZones.Core.Indicators;

/// <summary>
/// An indicator with its latest actual and its progress against target, as the API, the dashboard and the digest show it. Not sealed:
/// the API's detail answer adds the indicator's periods to these fields.
/// </summary>
/// <param name="Id">Indicator id.</param>
/// <param name="Year">The year of the target.</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Unit">Unit name (<c>count</c>, <c>percent</c>, <c>cny-billion</c>).</param>
/// <param name="Target">The target; <see langword="null"/> when there is none.</param>
/// <param name="LeadAgency">The responsible agency.</param>
/// <param name="Derived">Whether the value is computed from two other indicators.</param>
/// <param name="Numerator">For a derived rate, the counted indicator.</param>
/// <param name="Denominator">For a derived rate, the indicator it is a share of.</param>
/// <param name="Actual">The latest value; <see langword="null"/> before any is reported.</param>
/// <param name="ActualPeriod">The period of <paramref name="Actual"/>.</param>
/// <param name="Source">Where the target and imported figures come from.</param>
public record IndicatorProgress(
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
    string? Source)
{
    /// <summary>Actual as a percentage of target, one decimal (half away from zero); may exceed 100; <see langword="null"/> without both.</summary>
    [JsonConverter(typeof(NullableOneDecimalJsonConverter))]
    public double? ProgressPct => Actual is { } actual && Target is { } target && target > 0
        ? (double)Math.Round(actual * 100m / target, 1, MidpointRounding.AwayFromZero)
        : null;

    /// <summary>Whether the actual has reached the target; <see langword="null"/> without both.</summary>
    public bool? Met => Actual is { } actual && Target is { } target ? actual >= target : null;
}
