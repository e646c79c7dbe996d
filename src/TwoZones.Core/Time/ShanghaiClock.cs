namespace TwoZones.Core.Time;

/// <summary>
/// The calendar the reform work is tracked in: Beijing time. Effective dates, "today" for overdue checks and ISO weeks
/// are all Asia/Shanghai local dates, whatever zone the server runs in.
/// </summary>
public static class ShanghaiClock
{
    private static readonly Lazy<TimeZoneInfo> LazyZone = new(FindZone);

    /// <summary>
    /// The Asia/Shanghai zone; a fixed UTC+8 zone with the same id when the host has no time zone data
    /// (China has not observed daylight saving since 1991, so the two agree for every date this app handles).
    /// </summary>
    public static TimeZoneInfo Zone => LazyZone.Value;

    /// <summary>The Asia/Shanghai calendar date at an instant.</summary>
    /// <param name="instant">Any instant; its offset does not matter.</param>
    /// <returns>The local date in Beijing, e.g. 2026-11-23 for 2026-11-22T16:00:00Z.</returns>
    public static DateOnly Today(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The Asia/Shanghai local time at an instant.</summary>
    /// <param name="instant">Any instant.</param>
    /// <returns>The same instant with Beijing's offset.</returns>
    public static DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
