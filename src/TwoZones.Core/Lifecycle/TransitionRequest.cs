namespace TwoZones.Core.Lifecycle;

/// <summary>A requested status change.</summary>
/// <param name="To">The status asked for.</param>
/// <param name="EffectiveDate">The Asia/Shanghai date the change took effect in the real world.</param>
/// <param name="Note">Free text; for a reopen, the required reason.</param>
/// <param name="EvidenceUrl">Optional link to evidence.</param>
public sealed record TransitionRequest(ItemStatus To, DateOnly EffectiveDate, string? Note, string? EvidenceUrl);
