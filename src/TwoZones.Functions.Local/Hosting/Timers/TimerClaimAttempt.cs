namespace TwoZones.Functions.Local.Hosting;

/// <summary>The outcome of trying to take a timer's lease for an occurrence.</summary>
/// <param name="Claim">The lease, when taken.</param>
/// <param name="HeldUntil">When another host's lease expires, if another host holds it; null with no claim means the occurrence already ran.</param>
internal sealed record TimerClaimAttempt(TimerClaim? Claim, DateTimeOffset? HeldUntil);
