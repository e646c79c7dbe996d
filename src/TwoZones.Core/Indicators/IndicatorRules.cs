using System.Globalization;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;

namespace TwoZones.Core.Indicators;

/// <summary>
/// Who may report an indicator's actuals, and what a report must hold. The roles are those of item status changes: viewers never,
/// officials for the indicators their agency is responsible for, coordinators for any.
/// </summary>
public static class IndicatorRules
{
    /// <summary>Largest value accepted (keeps every value exact in a decimal and in the stored text).</summary>
    public const decimal MaxValue = 1_000_000_000_000m;

    /// <summary>Decides whether <paramref name="actor"/> may record <paramref name="request"/> for <paramref name="indicator"/>.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="actor">The caller.</param>
    /// <param name="request">The report.</param>
    /// <param name="now">Server time; its Asia/Shanghai date decides whether the period has begun.</param>
    /// <returns>
    /// Forbidden for viewers and officials of another agency; invalid for a derived indicator (its values are computed), a period that is
    /// not one or lies outside the indicator's year or has not begun, a negative value, a fraction of a count, or a rate above 100;
    /// otherwise allowed.
    /// </returns>
    public static IndicatorDecision Evaluate(Indicator indicator, Actor actor, ActualRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);

        if (actor.Role == Role.Viewer)
        {
            return Forbidden($"{actor.Id} is a viewer and may not report actuals of {indicator.Id}.");
        }

        if (actor.Role == Role.Official && !string.Equals(actor.Agency, indicator.LeadAgency, StringComparison.Ordinal))
        {
            return Forbidden($"{indicator.Id} is reported by {indicator.LeadAgency}; officials of {actor.Agency ?? "no agency"} may not report it.");
        }

        if (indicator.IsDerived)
        {
            return Invalid($"{indicator.Id} is derived ({indicator.Numerator} / {indicator.Denominator}); report those two instead.");
        }

        if (!ReportingPeriod.TryParse(request.Period, out var period))
        {
            return Invalid($"'{request.Period}' is not a period; use yyyy, yyyy-H1, yyyy-Q1 or yyyy-MM.");
        }

        if (period.Year != indicator.Year)
        {
            return Invalid($"{indicator.Id} is an indicator of {indicator.Year}; the period {period.Text} is not in that year.");
        }

        var today = ShanghaiClock.Today(now);
        if (period.Start > today)
        {
            return Invalid($"The period {period.Text} has not begun (today in Beijing is {today:yyyy-MM-dd}).");
        }

        if (request.Value < 0 || request.Value > MaxValue)
        {
            return Invalid($"The value must be between 0 and {MaxValue.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (indicator.Unit == IndicatorUnit.Count && request.Value != decimal.Truncate(request.Value))
        {
            return Invalid($"{indicator.Id} counts things; the value must be a whole number.");
        }

        if (indicator.Unit == IndicatorUnit.Percent && request.Value > 100)
        {
            return Invalid($"{indicator.Id} is a rate in percent; the value must not exceed 100.");
        }

        return new IndicatorDecision(TransitionOutcome.Allowed, "Allowed.");
    }

    private static IndicatorDecision Forbidden(string message) => new(TransitionOutcome.Forbidden, message);

    private static IndicatorDecision Invalid(string message) => new(TransitionOutcome.Invalid, message);
}
