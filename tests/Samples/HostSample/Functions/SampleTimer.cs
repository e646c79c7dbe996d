using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace HostSample.Functions;

public static class SampleTimer
{
    /// <summary>Logs begin/end with the occurrence and wall-clock times, so tests can see past-due runs and overlaps.</summary>
    [Function("SampleTimer")]
    public static async Task Run([TimerTrigger("%SampleTimerSchedule%")] TimerInfo timer, FunctionContext context)
    {
        var logger = context.GetLogger("HostSample.SampleTimer");
        var next = timer.ScheduleStatus?.Next.ToString("O") ?? "none";
        logger.LogInformation("SampleTimer begin next={Next} pastDue={PastDue} at={At}", next, timer.IsPastDue, DateTime.UtcNow.ToString("O"));
        await Task.Delay(TimeSpan.FromMilliseconds(1200), context.CancellationToken);
        logger.LogInformation("SampleTimer end next={Next} at={At}", next, DateTime.UtcNow.ToString("O"));
    }
}
