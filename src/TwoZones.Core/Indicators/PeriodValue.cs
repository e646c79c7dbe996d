namespace TwoZones.Core.Indicators;

/// <summary>The value last reported for one period of an indicator.</summary>
/// <param name="Value">The value.</param>
/// <param name="Seq">The history entry that reported it (a later entry for the same period is a correction).</param>
public sealed record PeriodValue(decimal Value, int Seq);
