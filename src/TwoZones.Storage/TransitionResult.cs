using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;

namespace TwoZones.Storage;

/// <summary>The answer to a requested transition.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="Item">
/// After <see cref="TransitionResultKind.Applied"/>: the updated item. After <see cref="TransitionResultKind.Replayed"/>,
/// <see cref="TransitionResultKind.VersionMismatch"/>, <see cref="TransitionResultKind.Conflict"/>, <see cref="TransitionResultKind.Forbidden"/>,
/// <see cref="TransitionResultKind.Invalid"/> and <see cref="TransitionResultKind.IdempotencyKeyMismatch"/>: the item as stored now.
/// <see langword="null"/> for <see cref="TransitionResultKind.NotFound"/>.
/// </param>
/// <param name="Decision">The lifecycle verdict, when the rules were evaluated (always for Applied, Forbidden and Invalid).</param>
/// <param name="Entry">The history entry written (Applied) or written by the first request (Replayed).</param>
public sealed record TransitionResult(TransitionResultKind Outcome, ItemRecord? Item, TransitionDecision? Decision, TransitionRecord? Entry)
{
    /// <summary>Whether the item now carries the requested transition (Applied or Replayed).</summary>
    public bool Succeeded => Outcome is TransitionResultKind.Applied or TransitionResultKind.Replayed;
}
