using TwoZones.Core.Indicators;

namespace TwoZones.Storage.Indicators;

/// <summary>An indicator as stored: its definition, the value last reported for each period, and bookkeeping.</summary>
/// <param name="Definition">The indicator.</param>
/// <param name="Periods">The value last reported for each period.</param>
/// <param name="HistoryLength">Number of history entries (the seq of the latest one).</param>
/// <param name="UpdatedAt">When the indicator was created or last reported on.</param>
/// <param name="UpdatedBy">Who did it.</param>
public sealed record IndicatorRecord(
    Indicator Definition,
    IReadOnlyDictionary<string, PeriodValue> Periods,
    int HistoryLength,
    DateTimeOffset UpdatedAt,
    string UpdatedBy)
{
    /// <summary>The indicator id.</summary>
    public string Id => Definition.Id;

    /// <summary>The definition with its values, as the calculator takes them.</summary>
    public IndicatorValues Values => new(Definition, Periods);
}
