using TwoZones.Core.Time;

namespace TwoZones.Core.Lifecycle;

/// <summary>
/// Who may move an item from which status to which, and with what data.
/// The lifecycle is Proposed → Commenced → Completed; Completed → Commenced is a reopen, for coordinators only and with a reason.
/// </summary>
public static class LifecycleRules
{
    /// <summary>Longest note or evidence URL of a transition, in characters (well within the 32K UTF-16 characters a stored column holds).</summary>
    public const int MaxTextLength = 16_000;

    /// <summary>Decides whether <paramref name="actor"/> may apply <paramref name="request"/> to an item.</summary>
    /// <param name="current">The item's current state.</param>
    /// <param name="actor">The caller.</param>
    /// <param name="request">The requested change.</param>
    /// <param name="now">Server time; its Asia/Shanghai date is "today" for the effective-date check.</param>
    /// <returns>
    /// <see cref="TransitionOutcome.Forbidden"/> for viewers, officials of another agency and reopens by non-coordinators;
    /// <see cref="TransitionOutcome.Invalid"/> for transitions outside the lifecycle, same-status updates, reopens without a reason,
    /// effective dates in the future or before the previous transition, and a note or evidence URL longer than <see cref="MaxTextLength"/>;
    /// otherwise <see cref="TransitionOutcome.Allowed"/>.
    /// </returns>
    public static TransitionDecision Evaluate(ItemState current, Actor actor, TransitionRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);

        var isReopen = current.Status == ItemStatus.Completed && request.To == ItemStatus.Commenced;
        var mayAct = MayActOn(current, actor);
        var targets = mayAct ? AllowedTargets(current.Status, actor.Role) : [];
        var allowedText = $"{current.Id} is {current.Status}; allowed next status: {Describe(targets)}";

        TransitionDecision Decide(TransitionOutcome outcome, string message) => new(outcome, message, targets, isReopen);

        if (actor.Role == Role.Viewer)
        {
            return Decide(TransitionOutcome.Forbidden, $"{actor.Id} is a viewer and may not change {current.Id}.");
        }

        if (!mayAct)
        {
            return Decide(
                TransitionOutcome.Forbidden,
                $"{current.Id} is led by {current.LeadAgency}; officials of {actor.Agency ?? "no agency"} may not change it.");
        }

        if (request.To == current.Status)
        {
            return Decide(TransitionOutcome.Invalid, $"{current.Id} is already {current.Status}; allowed next status: {Describe(targets)}.");
        }

        if (!IsLifecycleStep(current.Status, request.To))
        {
            return Decide(TransitionOutcome.Invalid, $"{current.Status} → {request.To} is not allowed. {allowedText}.");
        }

        if (isReopen && actor.Role != Role.Coordinator)
        {
            return Decide(TransitionOutcome.Forbidden, $"Only a coordinator may reopen {current.Id} (Completed → Commenced).");
        }

        if (isReopen && string.IsNullOrWhiteSpace(request.Note))
        {
            return Decide(TransitionOutcome.Invalid, $"Reopening {current.Id} needs a reason in the note.");
        }

        var today = ShanghaiClock.Today(now);
        if (request.EffectiveDate > today)
        {
            return Decide(
                TransitionOutcome.Invalid,
                $"Effective date {request.EffectiveDate:yyyy-MM-dd} is in the future (today in Beijing is {today:yyyy-MM-dd}).");
        }

        if (current.LastEffectiveDate is { } last && request.EffectiveDate < last)
        {
            return Decide(
                TransitionOutcome.Invalid,
                $"Effective date {request.EffectiveDate:yyyy-MM-dd} is before the previous transition of {current.Id} ({last:yyyy-MM-dd}).");
        }

        if ((request.Note?.Length ?? 0) > MaxTextLength || (request.EvidenceUrl?.Length ?? 0) > MaxTextLength)
        {
            return Decide(TransitionOutcome.Invalid, $"The note and the evidence URL may have at most {MaxTextLength} characters each.");
        }

        return Decide(TransitionOutcome.Allowed, $"{current.Id}: {current.Status} → {request.To}.");
    }

    /// <summary>The statuses a role may move an item to from <paramref name="from"/> (ignoring agency).</summary>
    /// <param name="from">The current status.</param>
    /// <param name="role">The caller's role.</param>
    /// <returns>Empty for viewers and for officials on a completed item.</returns>
    public static IReadOnlyList<ItemStatus> AllowedTargets(ItemStatus from, Role role) => (from, role) switch
    {
        (_, Role.Viewer) => [],
        (ItemStatus.Proposed, _) => [ItemStatus.Commenced],
        (ItemStatus.Commenced, _) => [ItemStatus.Completed],
        (ItemStatus.Completed, Role.Coordinator) => [ItemStatus.Commenced],
        _ => [],
    };

    /// <summary>Whether an actor's role and agency let them change an item at all.</summary>
    /// <param name="current">The item.</param>
    /// <param name="actor">The caller.</param>
    /// <returns><see langword="true"/> for coordinators, and for officials of the item's lead agency.</returns>
    public static bool MayActOn(ItemState current, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Role.Coordinator => true,
            Role.Official => actor.Agency is not null && string.Equals(actor.Agency, current.LeadAgency, StringComparison.Ordinal),
            _ => false,
        };
    }

    private static bool IsLifecycleStep(ItemStatus from, ItemStatus to) => (from, to) switch
    {
        (ItemStatus.Proposed, ItemStatus.Commenced) => true,
        (ItemStatus.Commenced, ItemStatus.Completed) => true,
        (ItemStatus.Completed, ItemStatus.Commenced) => true,
        _ => false,
    };

    private static string Describe(IReadOnlyList<ItemStatus> targets) =>
        targets.Count == 0 ? "none" : string.Join(", ", targets);
}
