namespace TwoZones.Core.Indicators;

/// <summary>An indicator with the value last reported for each of its periods.</summary>
/// <param name="Definition">The indicator.</param>
/// <param name="Periods">By period text (empty for a derived indicator, whose values are computed).</param>
public sealed record IndicatorValues(Indicator Definition, IReadOnlyDictionary<string, PeriodValue> Periods);
