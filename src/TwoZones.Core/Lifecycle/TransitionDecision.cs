namespace TwoZones.Core.Lifecycle;

/// <summary>The verdict on a requested transition, with an explanation fit for an HTTP problem detail.</summary>
/// <param name="Outcome">Allowed, forbidden or invalid.</param>
/// <param name="Message">Human-readable explanation, e.g. <c>T042 is Commenced; allowed next status: Completed</c>.</param>
/// <param name="AllowedTargets">Statuses this actor may move the item to from its current status.</param>
/// <param name="IsReopen">Whether the request is Completed → Commenced.</param>
public sealed record TransitionDecision(TransitionOutcome Outcome, string Message, IReadOnlyList<ItemStatus> AllowedTargets, bool IsReopen)
{
    /// <summary>Whether the transition may be recorded.</summary>
    public bool IsAllowed => Outcome == TransitionOutcome.Allowed;
}
