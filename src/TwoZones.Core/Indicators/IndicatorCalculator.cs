namespace TwoZones.Core.Indicators;

/// <summary>
/// Latest actuals and progress against target. A reported indicator's actual is the value of its period that ends last (a later report
/// for the same period corrects an earlier one). A derived rate is numerator / denominator × 100, one decimal, for the latest period both
/// report; its target, unless it has its own, is the same ratio of their targets.
/// </summary>
public static class IndicatorCalculator
{
    /// <summary>Computes every indicator's progress.</summary>
    /// <param name="indicators">The indicators with their reported values, in display order.</param>
    /// <returns>One entry per indicator, in the same order.</returns>
    public static IReadOnlyList<IndicatorProgress> Compute(IReadOnlyList<IndicatorValues> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var byId = new Dictionary<string, IndicatorValues>(StringComparer.Ordinal);
        foreach (var indicator in indicators)
        {
            byId.TryAdd(indicator.Definition.Id, indicator);
        }

        return [.. indicators.Select(i => Progress(i, byId))];
    }

    /// <summary>The period whose value is the latest: the one ending last, then the one reported last.</summary>
    /// <param name="periods">Values by period text.</param>
    /// <returns>The period and its value, or <see langword="null"/> when there is none.</returns>
    public static (string Period, PeriodValue Value)? Latest(IReadOnlyDictionary<string, PeriodValue> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        (string Period, PeriodValue Value, DateOnly End)? best = null;
        foreach (var (text, value) in periods)
        {
            if (!ReportingPeriod.TryParse(text, out var period))
            {
                continue;
            }

            if (best is not { } b || period.End > b.End || (period.End == b.End && value.Seq > b.Value.Seq))
            {
                best = (text, value, period.End);
            }
        }

        return best is { } found ? (found.Period, found.Value) : null;
    }

    private static IndicatorProgress Progress(IndicatorValues values, Dictionary<string, IndicatorValues> byId)
    {
        var definition = values.Definition;
        decimal? actual = null;
        string? period = null;
        var target = definition.Target;
        if (definition.IsDerived)
        {
            byId.TryGetValue(definition.Numerator!, out var numerator);
            byId.TryGetValue(definition.Denominator!, out var denominator);
            if (numerator is not null && denominator is not null && !numerator.Definition.IsDerived && !denominator.Definition.IsDerived)
            {
                var common = numerator.Periods
                    .Where(p => denominator.Periods.TryGetValue(p.Key, out var d) && d.Value > 0)
                    .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
                if (Latest(common) is { } latest)
                {
                    period = latest.Period;
                    actual = Rate(latest.Value.Value, denominator.Periods[latest.Period].Value);
                }

                if (target is null && numerator.Definition.Target is { } top && denominator.Definition.Target is { } bottom && bottom > 0)
                {
                    target = Rate(top, bottom);
                }
            }
        }
        else if (Latest(values.Periods) is { } latest)
        {
            period = latest.Period;
            actual = latest.Value.Value;
        }

        return new IndicatorProgress(
            definition.Id, definition.Year, definition.NameEn, definition.NameZh, IndicatorUnits.Name(definition.Unit), target, definition.LeadAgency,
            definition.IsDerived, definition.Numerator, definition.Denominator, actual, period, definition.Source);
    }

    private static decimal Rate(decimal part, decimal whole) => Math.Round(part * 100m / whole, 1, MidpointRounding.AwayFromZero);
}
