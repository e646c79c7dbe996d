namespace TwoZones.Core.Indicators;

/// <summary>An indicator to create, with actuals already reported elsewhere (recorded as its first history entries).</summary>
/// <param name="Definition">The indicator.</param>
/// <param name="Actuals">Earlier reports, oldest first.</param>
public sealed record IndicatorImport(Indicator Definition, IReadOnlyList<ActualRequest> Actuals);
