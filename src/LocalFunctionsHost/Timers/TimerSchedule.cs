using System.Globalization;
using NCrontab;

namespace LocalFunctionsHost.Timers;

/// <summary>
/// A timer's schedule in UTC: six-field NCRONTAB (<c>second minute hour day month day-of-week</c>) or, as the Timer extension
/// also accepts, a constant interval written as a TimeSpan (<c>00:00:10</c>).
/// </summary>
internal sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan _interval;

    private TimerSchedule(CrontabSchedule? cron, TimeSpan interval, string text)
    {
        _cron = cron;
        _interval = interval;
        Text = text;
    }

    public string Text { get; }

    public static TimerSchedule? Parse(string text)
    {
        if (CrontabSchedule.TryParse(text, new CrontabSchedule.ParseOptions { IncludingSeconds = true }) is { } cron)
        {
            return new TimerSchedule(cron, TimeSpan.Zero, text);
        }

        return !text.Contains(' ', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero
            ? new TimerSchedule(null, interval, text)
            : null;
    }

    /// <summary>The first occurrence strictly after <paramref name="afterUtc"/>.</summary>
    public DateTime Next(DateTime afterUtc) =>
        _cron is null ? afterUtc + _interval : DateTime.SpecifyKind(_cron.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Unspecified)), DateTimeKind.Utc);
}
