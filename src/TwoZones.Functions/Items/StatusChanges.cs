using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Time;
using TwoZones.Functions.Progress;
using TwoZones.Functions.Tracking;
using TwoZones.Storage;
using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Items;

/// <summary>
/// The one way a status changes, whether one item is posted or a sheet of them is uploaded: the repository applies the lifecycle
/// rules, roles, agency scoping, <c>If-Match</c> and idempotency in one transaction; an applied change then updates the progress
/// figures and tells the item's tracker.
/// </summary>
public sealed class StatusChanges
{
    /// <summary>Longest accepted <c>Idempotency-Key</c>.</summary>
    public const int MaxIdempotencyKeyLength = 64;

    private readonly ItemRepository _items;
    private readonly ProgressCache _progress;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusChanges> _logger;
    private readonly EvidenceRepository _evidence;

    /// <summary>Creates the service.</summary>
    /// <param name="items">Item storage.</param>
    /// <param name="progress">Told about each applied transition so progress reflects it at once.</param>
    /// <param name="time">The server clock.</param>
    /// <param name="logger">Logs trackers that could not be told about a change.</param>
    /// <param name="evidence">Evidence files a change may cite.</param>
    public StatusChanges(ItemRepository items, ProgressCache progress, TimeProvider time, ILogger<StatusChanges> logger, EvidenceRepository evidence)
    {
        _evidence = evidence;
        _items = items;
        _progress = progress;
        _time = time;
        _logger = logger;
    }

    /// <summary>Today in Asia/Shanghai: the default effective date.</summary>
    public DateOnly Today => ShanghaiClock.Today(_time.GetUtcNow());

    /// <summary>
    /// Whether a client's idempotency key is usable: at most <see cref="MaxIdempotencyKeyLength"/> visible ASCII characters. Keys are
    /// stored and compared as given, so look-alike or mis-decoded characters would make a retry miss its first answer and apply twice.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it may be used.</returns>
    public static bool IsValidIdempotencyKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.Length <= MaxIdempotencyKeyLength && !key.Any(c => c is < '!' or > '~');
    }

    /// <summary>Applies a status change and, once it committed, updates progress and signals the tracker.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="caller">Who asks (role and agency decide what is allowed).</param>
    /// <param name="change">The requested change.</param>
    /// <param name="ifMatch">The version the caller saw, or <see langword="null"/>.</param>
    /// <param name="idempotencyKey">The caller's idempotency key, or <see langword="null"/>.</param>
    /// <param name="client">The durable client, to signal the tracker.</param>
    /// <param name="cancellationToken">Cancels the transition (not the signal, once it committed).</param>
    /// <returns>The repository's outcome.</returns>
    public async Task<TransitionResult> ApplyAsync(
        ItemKind kind, string id, Actor caller, TransitionRequest change, string? ifMatch, string? idempotencyKey, DurableTaskClient client, CancellationToken cancellationToken)
    {
        // A change may cite an uploaded evidence file by its hash; the file must be there, or the chain would cite nothing.
        if (EvidenceReference.TryParse(change.EvidenceUrl, out var sha) && !await _evidence.ExistsAsync(id, sha, cancellationToken))
        {
            var item = await _items.GetAsync(kind, id, cancellationToken);
            return item is null
                ? new TransitionResult(TransitionResultKind.NotFound, null, null, null)
                : new TransitionResult(
                    TransitionResultKind.Invalid,
                    item,
                    new TransitionDecision(TransitionOutcome.Invalid, $"{id} has no evidence file {sha}; upload it first (POST .../evidence).", [], false),
                    null);
        }

        var result = await _items.ApplyTransitionAsync(kind, id, caller, change, ifMatch, idempotencyKey, cancellationToken);
        if (result.Outcome == TransitionResultKind.Applied)
        {
            _progress.Apply(result.Item!);
            await SignalTrackerAsync(client, result.Item!, committedNow: true);
        }
        else if (result.Outcome == TransitionResultKind.Replayed)
        {
            // A retry of a change that committed: the first attempt may have died before telling the tracker. Telling it again
            // is harmless, but the first answer may be stale by now, so the tracker reads the state itself.
            await SignalTrackerAsync(client, result.Item!, committedNow: false);
        }

        return result;
    }

    // The transition is committed and is the truth: the official gets the answer even if the tracker cannot be told now.
    // The tracker re-reads storage and converges at the next reconcile, so a lost hint costs only latency.
    // The request's token is not used: a client that hangs up after the commit must not stop the hint.
    private async Task SignalTrackerAsync(DurableTaskClient client, ItemRecord committed, bool committedNow)
    {
        try
        {
            var known = committedNow ? TrackerObservation.Of(committed, _time.GetUtcNow()) : null;
            await TrackerSignals.NotifyStatusChangedAsync(client, committed.Kind, committed.Id, committed.Status, known, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogWarning(exception, "The tracker of {ItemId} was not told about its status change; it converges at the next reconcile.", committed.Id);
        }
    }
}
