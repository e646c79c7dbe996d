using TwoZones.Core.Lifecycle;

namespace TwoZones.Core.Indicators;

/// <summary>The verdict on a reported actual, with an explanation fit for an HTTP problem detail.</summary>
/// <param name="Outcome">Allowed, forbidden (403) or invalid (422).</param>
/// <param name="Message">Why.</param>
public sealed record IndicatorDecision(TransitionOutcome Outcome, string Message)
{
    /// <summary>Whether the actual may be recorded.</summary>
    public bool IsAllowed => Outcome == TransitionOutcome.Allowed;
}
