namespace TwoZones.Functions.Digests;

/// <summary>The output of a <see cref="WeeklyDigestOrchestrator"/> instance (kept small: the digest itself is in storage).</summary>
/// <param name="Week">ISO week id.</param>
/// <param name="Total">Items counted.</param>
/// <param name="Commenced">Items commenced and not completed.</param>
/// <param name="Completed">Items completed.</param>
/// <param name="Overdue">Items overdue.</param>
/// <param name="Moved">Transitions recorded in the week.</param>
/// <param name="Delivered">Whether the webhook acknowledged the digest.</param>
public sealed record WeeklyDigestOutcome(string Week, int Total, int Commenced, int Completed, int Overdue, int Moved, bool Delivered);
