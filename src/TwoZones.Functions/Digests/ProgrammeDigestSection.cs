using TwoZones.Core.Digest;
using TwoZones.Core.Progress;

namespace TwoZones.Functions.Digests;

/// <summary>One programme's part of a digest: its progress, its items that moved in the week and its overdue items.</summary>
/// <param name="Programme">Programme id.</param>
/// <param name="Progress">Progress of the programme's items alone (all breakdowns).</param>
/// <param name="Moved">Transitions of its items recorded in the week.</param>
/// <param name="Overdue">Its overdue items.</param>
/// <param name="Stale">Its stale items (the reminders).</param>
public sealed record ProgrammeDigestSection(
    string Programme,
    ProgressReport Progress,
    IReadOnlyList<DigestMovement> Moved,
    IReadOnlyList<OverdueItem> Overdue,
    IReadOnlyList<StaleItem>? Stale = null);
