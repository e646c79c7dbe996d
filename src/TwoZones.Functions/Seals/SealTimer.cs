using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using TwoZones.Storage.Seals;

namespace TwoZones.Functions.Seals;

/// <summary>
/// Seals the history on <c>TwoZones:SealSchedule</c> (daily at midnight in Beijing by default). Each occurrence seals once: the seal
/// records the occurrence, so a second run of it (another host, a retry) returns the first seal.
/// </summary>
/// <param name="seals">The stored seals.</param>
/// <param name="time">The server clock, for an occurrence the host does not name.</param>
/// <param name="logger">Logs each seal.</param>
public sealed partial class SealTimer(SealRepository seals, TimeProvider time, ILogger<SealTimer> logger)
{
    /// <summary>The timer function.</summary>
    /// <param name="timer">The schedule status; its next occurrence names the one being run.</param>
    /// <param name="cancellationToken">Cancels the seal.</param>
    /// <returns>A task that completes when the seal is stored.</returns>
    [Function("SealHistory")]
    public async Task RunAsync([TimerTrigger("%TwoZones:SealSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var occurrence = timer.ScheduleStatus?.Next is { } next && next != default
            ? (next.Kind == DateTimeKind.Local ? next.ToUniversalTime() : DateTime.SpecifyKind(next, DateTimeKind.Utc))
            : time.GetUtcNow().UtcDateTime;
        var key = SealReasons.Schedule + " " + occurrence.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var seal = await seals.AppendAsync(SealReasons.Schedule, key, cancellationToken);
        LogSeal(logger, seal.Seq, seal.Root, seal.ItemCount, timer.IsPastDue);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seal {Seq}: root {Root} over {Items} items (past due: {PastDue})")]
    private static partial void LogSeal(ILogger logger, long seq, string root, int items, bool pastDue);
}
