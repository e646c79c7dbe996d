using TwoZones.Core.Indicators;

namespace TwoZones.Storage.Indicators;

/// <summary>The outcome of reporting an actual.</summary>
/// <param name="Outcome">Applied, replayed (same idempotency key and body), not found, forbidden, invalid, key reused with another body, or conflict.</param>
/// <param name="Indicator">The indicator after the call (when it exists).</param>
/// <param name="Decision">The rules' verdict, when they were asked.</param>
/// <param name="Entry">The history entry written (or replayed).</param>
public sealed record ActualResult(TransitionResultKind Outcome, IndicatorRecord? Indicator, IndicatorDecision? Decision, IndicatorActual? Entry);
