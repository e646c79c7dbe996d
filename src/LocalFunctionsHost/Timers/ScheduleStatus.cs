namespace LocalFunctionsHost.Timers;

/// <summary>
/// The timer status the Functions host keeps per timer (blob <c>timers/{hostId}/{timerName}/status</c>): the last occurrence
/// that ran, the next one due, and when the record was written. The same JSON shape reaches the function as
/// <c>TimerInfo.ScheduleStatus</c>.
/// </summary>
/// <param name="Last">The occurrence that ran last (<see cref="DateTime.MinValue"/> when none has).</param>
/// <param name="Next">The next occurrence due; a past value at start means one was missed.</param>
/// <param name="LastUpdated">When this status was written.</param>
internal sealed record ScheduleStatus(DateTime Last, DateTime Next, DateTime LastUpdated);
