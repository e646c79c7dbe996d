using TwoZones.Core.Indicators;
using TwoZones.Storage.Indicators;

namespace TwoZones.Functions.Indicators;

/// <summary>An indicator as <c>GET /api/indicators/{id}</c> shows it: definition, latest actual, progress against target, and every period's value.</summary>
internal sealed record IndicatorResponse : IndicatorProgress
{
    private IndicatorResponse(IndicatorProgress progress, IndicatorRecord record)
        : base(progress)
    {
        Periods =
        [
            .. record.Periods
                .Select(p => (Text: p.Key, p.Value, Parsed: ReportingPeriod.TryParse(p.Key, out var parsed) ? parsed.End : DateOnly.MaxValue))
                .OrderBy(p => p.Parsed).ThenBy(p => p.Text, StringComparer.Ordinal)
                .Select(p => new IndicatorPeriodValue(p.Text, p.Value.Value, p.Value.Seq)),
        ];
        HistoryLength = record.HistoryLength;
        UpdatedAt = record.UpdatedAt;
        UpdatedBy = record.UpdatedBy;
    }

    /// <summary>Every reported period's value, oldest period first.</summary>
    public IReadOnlyList<IndicatorPeriodValue> Periods { get; }

    /// <summary>How many entries the indicator's history holds.</summary>
    public int HistoryLength { get; }

    /// <summary>When the indicator last changed.</summary>
    public DateTimeOffset UpdatedAt { get; }

    /// <summary>Who changed it last.</summary>
    public string UpdatedBy { get; }

    /// <summary>The response for an indicator and its computed progress.</summary>
    public static IndicatorResponse From(IndicatorProgress progress, IndicatorRecord record) => new(progress, record);
}
