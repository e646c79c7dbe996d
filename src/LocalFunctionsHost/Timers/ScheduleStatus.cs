using System.Text.Json.Serialization;

namespace LocalFunctionsHost.Timers;

/// <summary>
/// The timer status the Functions host keeps per timer (blob <c>timers/{hostId}/{timerName}/status</c>): the last occurrence
/// that ran, the next one due, and when the record was written. The same JSON shape reaches the function as
/// <c>TimerInfo.ScheduleStatus</c>. <see cref="Claim"/> is this host's addition (the Functions host ignores members it does
/// not know, and drops it when it writes the blob itself).
/// </summary>
/// <param name="Last">The occurrence that ran last (<see cref="DateTime.MinValue"/> when none has).</param>
/// <param name="Next">The next occurrence due; a past value at start means one was missed.</param>
/// <param name="LastUpdated">When this status was written.</param>
internal sealed record ScheduleStatus(DateTime Last, DateTime Next, DateTime LastUpdated)
{
    /// <summary>The occurrence a host has taken and is running; null when none is in progress.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public TimerClaim? Claim { get; init; }
}

/// <summary>
/// A host instance's claim on one occurrence, written (conditionally on the status blob's ETag) before it invokes the
/// function, so that of the hosts that believe they hold the listener lock only one runs it.
/// </summary>
/// <param name="Occurrence">The scheduled time being run.</param>
/// <param name="Instance">Which host process claimed it (machine, process id and a per-process id).</param>
/// <param name="At">When the claim was written or last refreshed; one older than the lease period is a dead host's.</param>
internal sealed record TimerClaim(DateTime Occurrence, string Instance, DateTime At);
