namespace TwoZones.Functions.Indicators;

/// <summary>The value last reported for one period, and the history entry that reported it.</summary>
internal sealed record IndicatorPeriodValue(string Period, decimal Value, int Seq);
