using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TwoZones.Core.Time;

/// <summary>An ISO 8601 week, written <c>2026-W48</c>: Monday to Sunday, week 1 being the week with the year's first Thursday.</summary>
/// <param name="Year">ISO week-numbering year (differs from the calendar year around 1 January).</param>
/// <param name="Week">Week number, 1 to 52 or 53.</param>
public readonly record struct IsoWeekId(int Year, int Week)
{
    /// <summary>Monday of the week.</summary>
    public DateOnly Start => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>Sunday of the week.</summary>
    public DateOnly End => Start.AddDays(6);

    /// <summary>The week a date falls in.</summary>
    /// <param name="date">Any date.</param>
    /// <returns>The week, e.g. 2026-W53 for 2027-01-01.</returns>
    public static IsoWeekId Of(DateOnly date)
    {
        var dateTime = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeekId(ISOWeek.GetYear(dateTime), ISOWeek.GetWeekOfYear(dateTime));
    }

    /// <summary>The week an instant falls in on the Asia/Shanghai calendar (the digest's week).</summary>
    /// <param name="instant">Any instant, e.g. <c>TimeProvider.GetUtcNow()</c>.</param>
    /// <returns>The week; 2026-11-22T16:00:00Z is already Monday of 2026-W48 in Beijing.</returns>
    public static IsoWeekId OfInstant(DateTimeOffset instant) => Of(ShanghaiClock.Today(instant));

    /// <summary>The id of the week a date falls in.</summary>
    /// <param name="date">Any date.</param>
    /// <returns>E.g. <c>2026-W48</c>.</returns>
    public static string For(DateOnly date) => Of(date).ToString();

    /// <summary>Parses <c>yyyy-Www</c>.</summary>
    /// <param name="text">The id.</param>
    /// <returns>The week.</returns>
    /// <exception cref="FormatException">Not a week id, or a week the year does not have.</exception>
    public static IsoWeekId Parse(string text) =>
        TryParse(text, out var week) ? week : throw new FormatException($"\"{text}\" is not an ISO week id such as 2026-W48.");

    /// <summary>Parses <c>yyyy-Www</c> without throwing.</summary>
    /// <param name="text">The id.</param>
    /// <param name="week">The week when parsing succeeded.</param>
    /// <returns>Whether <paramref name="text"/> is a valid week id.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out IsoWeekId week)
    {
        week = default;
        if (text is null || text.Length != 8 || text[4] != '-' || (text[5] != 'W' && text[5] != 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || year < 1 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeekId(year, number);
        return true;
    }

    /// <summary>Whether a date falls in this week.</summary>
    /// <param name="date">Any date.</param>
    /// <returns><see langword="true"/> from Monday to Sunday inclusive.</returns>
    public bool Contains(DateOnly date) => date >= Start && date <= End;

    /// <summary>The week before.</summary>
    /// <returns>The previous ISO week.</returns>
    public IsoWeekId Previous() => Of(Start.AddDays(-7));

    /// <summary>Formats as <c>yyyy-Www</c>.</summary>
    /// <returns>E.g. <c>2026-W48</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-W{Week:D2}");
}
