using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace TwoZones.Functions.Local.Hosting;

/// <summary>A timer function's six-field CRON schedule, evaluated in UTC or in <c>WEBSITE_TIME_ZONE</c>/<c>TZ</c> when set.</summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule _schedule;
    private readonly TimeZoneInfo _zone;

    private TimerSchedule(string expression, CrontabSchedule schedule, TimeZoneInfo zone)
    {
        Expression = expression;
        _schedule = schedule;
        _zone = zone;
    }

    /// <summary>The resolved expression.</summary>
    public string Expression { get; }

    /// <summary>Parses the schedule of <paramref name="function"/>; a bad one stops the start with a clear message.</summary>
    public static TimerSchedule For(FunctionDescriptor function, IConfiguration configuration)
    {
        var attribute = (TimerTriggerAttribute)function.TriggerAttribute;
        string expression;
        try
        {
            expression = SettingReference.Resolve(attribute.Schedule, configuration).Trim();
        }
        catch (InvalidOperationException e)
        {
            throw new LocalStartupException($"Function '{function.Name}': [TimerTrigger(\"{attribute.Schedule}\")]: {e.Message}", e);
        }

        var schedule = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true })
            ?? throw new LocalStartupException($"Function '{function.Name}': [TimerTrigger(\"{attribute.Schedule}\")] schedule '{expression}' is not a six-field CRON expression (second minute hour day month day-of-week).");
        return new TimerSchedule(expression, schedule, Zone(configuration));
    }

    /// <summary>The first occurrence strictly after <paramref name="utc"/>, in UTC.</summary>
    public DateTime NextAfter(DateTime utc)
    {
        utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        if (_zone == TimeZoneInfo.Utc)
        {
            return DateTime.SpecifyKind(_schedule.GetNextOccurrence(utc), DateTimeKind.Utc);
        }

        var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTimeFromUtc(utc, _zone), DateTimeKind.Unspecified);
        while (true)
        {
            local = _schedule.GetNextOccurrence(local);
            if (!_zone.IsInvalidTime(local))
            {
                var next = TimeZoneInfo.ConvertTimeToUtc(local, _zone);
                if (next > utc)
                {
                    return next;
                }
            }
        }
    }

    private static TimeZoneInfo Zone(IConfiguration configuration)
    {
        var website = configuration["WEBSITE_TIME_ZONE"] ?? Environment.GetEnvironmentVariable("WEBSITE_TIME_ZONE");
        if (!string.IsNullOrWhiteSpace(website))
        {
            return TryFind(website) ?? throw new LocalStartupException($"The time zone '{website}' (WEBSITE_TIME_ZONE) for timer schedules is unknown on this machine.");
        }

        // TZ is the machine's own setting, often a path such as ":/etc/localtime": used when it names a zone, else UTC.
        var tz = Environment.GetEnvironmentVariable("TZ");
        return string.IsNullOrWhiteSpace(tz) ? TimeZoneInfo.Utc : TryFind(tz.TrimStart(':')) ?? TimeZoneInfo.Utc;
    }

    private static TimeZoneInfo? TryFind(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
