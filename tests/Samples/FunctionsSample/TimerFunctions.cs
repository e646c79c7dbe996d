using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSample;

public static class TimerFunctions
{
    // The tests set SAMPLE_TICK_SCHEDULE (every few seconds, or never) in the environment or local.settings.json.
    // Each run logs the occurrence it was given (ScheduleStatus.Next), so the tests can count runs per occurrence. While the
    // file SAMPLE_TICK_PAUSE_FILE names exists, a run then lasts two seconds: long enough for a test to kill a host mid-run.
    [Function("Tick")]
    public static async Task Tick([TimerTrigger("%SAMPLE_TICK_SCHEDULE%")] TimerInfo timer, FunctionContext context)
    {
        context.GetLogger("Tick").LogInformation(
            "TICK past-due={PastDue} next={Next} host={Host}",
            timer.IsPastDue,
            timer.ScheduleStatus?.Next.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("SAMPLE_HOST_NAME"));
        if (Environment.GetEnvironmentVariable("SAMPLE_TICK_PAUSE_FILE") is { Length: > 0 } pause && File.Exists(pause))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    [Function("StartupTimer")]
    public static void StartupTimer([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer, FunctionContext context)
        => context.GetLogger("StartupTimer").LogInformation("STARTUP past-due={PastDue}", timer.IsPastDue);
}
