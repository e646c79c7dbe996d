using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace TwoZones.Functions.Digests;

/// <summary>Starts the week's digest on <c>TwoZones:DigestSchedule</c> (by default Monday 01:00 UTC, 09:00 in Beijing).</summary>
/// <param name="starter">Starts the digest once per week.</param>
/// <param name="logger">Logs what happened.</param>
public sealed partial class WeeklyDigestTimer(DigestStarter starter, ILogger<WeeklyDigestTimer> logger)
{
    /// <summary>The timer function.</summary>
    /// <param name="timer">The schedule status; a past-due run (the host was down) still builds this week's digest once.</param>
    /// <param name="client">The durable client.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the orchestration is scheduled or found.</returns>
    [Function("WeeklyDigestTimer")]
    public async Task RunAsync(
        [TimerTrigger("%TwoZones:DigestSchedule%")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var start = await starter.StartForCurrentWeekAsync(client, cancellationToken);
        LogStart(logger, start.Week, start.InstanceId, start.Started, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Weekly digest {Week}: instance {InstanceId}, started now: {Started}, past due: {PastDue}")]
    private static partial void LogStart(ILogger logger, string week, string instanceId, bool started, bool pastDue);
}
