using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TwoZones.Core.Indicators;

/// <summary>
/// The span an actual is reported for, within one calendar year: <c>2024</c> (the year), <c>2024-H1</c>, <c>2024-Q3</c> or <c>2024-06</c>.
/// Values are cumulative for the year up to the period's end, so the period ending last carries the latest figure.
/// </summary>
/// <param name="Text">The period as written.</param>
/// <param name="Start">Its first day.</param>
/// <param name="End">Its last day.</param>
public sealed record ReportingPeriod(string Text, DateOnly Start, DateOnly End)
{
    /// <summary>The calendar year the period lies in.</summary>
    public int Year => Start.Year;

    /// <summary>Reads a period.</summary>
    /// <param name="text">E.g. <c>2024-Q3</c>.</param>
    /// <param name="period">The period when the text is one.</param>
    /// <returns>Whether the text is a period.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportingPeriod? period)
    {
        period = null;
        if (text is null || text.Length < 4 || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1900)
        {
            return false;
        }

        if (text.Length == 4)
        {
            period = new ReportingPeriod(text, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            return true;
        }

        if (text.Length != 7 || text[4] != '-')
        {
            return false;
        }

        var part = text.AsSpan(5);
        int firstMonth, months;
        if (part[0] == 'H' && part[1] is '1' or '2')
        {
            (firstMonth, months) = (((part[1] - '1') * 6) + 1, 6);
        }
        else if (part[0] == 'Q' && part[1] is >= '1' and <= '4')
        {
            (firstMonth, months) = (((part[1] - '1') * 3) + 1, 3);
        }
        else if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
        {
            (firstMonth, months) = (month, 1);
        }
        else
        {
            return false;
        }

        var start = new DateOnly(year, firstMonth, 1);
        period = new ReportingPeriod(text, start, start.AddMonths(months).AddDays(-1));
        return true;
    }
}
