namespace TwoZones.Core.Time;

/// <summary>The instants an ISO week spans on the Asia/Shanghai calendar.</summary>
public static class ShanghaiWeek
{
    /// <summary>Monday 00:00 in Beijing, in UTC.</summary>
    /// <param name="week">The week.</param>
    /// <returns>The week's first instant.</returns>
    public static DateTimeOffset StartOf(IsoWeekId week) => StartOfDay(week.Start);

    /// <summary>The Monday 00:00 after the week, in Beijing, in UTC.</summary>
    /// <param name="week">The week.</param>
    /// <returns>The first instant after the week.</returns>
    public static DateTimeOffset EndOf(IsoWeekId week) => StartOfDay(week.End.AddDays(1));

    private static DateTimeOffset StartOfDay(DateOnly date) =>
        new(TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), ShanghaiClock.Zone), TimeSpan.Zero);
}
