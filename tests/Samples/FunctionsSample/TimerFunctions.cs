using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace FunctionsSample;

public static class TimerFunctions
{
    // The tests set SAMPLE_TICK_SCHEDULE (every few seconds, or never) in the environment or local.settings.json.
    [Function("Tick")]
    public static void Tick([TimerTrigger("%SAMPLE_TICK_SCHEDULE%")] TimerInfo timer, FunctionContext context)
        => context.GetLogger("Tick").LogInformation(
            "TICK past-due={PastDue} next={Next} host={Host}",
            timer.IsPastDue,
            timer.ScheduleStatus?.Next.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            Environment.GetEnvironmentVariable("SAMPLE_HOST_NAME"));

    [Function("StartupTimer")]
    public static void StartupTimer([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer, FunctionContext context)
        => context.GetLogger("StartupTimer").LogInformation("STARTUP past-due={PastDue}", timer.IsPastDue);
}
