namespace TwoZones.Functions.Local.Hosting;

/// <summary>The persisted schedule status of a timer function.</summary>
/// <param name="Last">The last occurrence that ran.</param>
/// <param name="Next">The occurrence expected next when it last ran.</param>
/// <param name="LastUpdated">When the status was written.</param>
internal sealed record TimerStatus(DateTime? Last, DateTime? Next, DateTime? LastUpdated);
