using Azure;
using Azure.Data.Tables;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Items;

/// <summary>
/// The writes of an item's state row: a transition (state row + history row + idempotency row in one entity-group transaction
/// guarded by the state row's ETag; a retried request answers from its idempotency row) and the overdue flag.
/// </summary>
internal sealed class ItemStateWriter(ItemRows rows, TimeProvider time)
{
    private const int MaxAttempts = 5;

    private TableClient Table => rows.Table;

    public async Task<TransitionResult> ApplyTransitionAsync(
        ItemKind kind,
        string id,
        Actor actor,
        TransitionRequest request,
        string? ifMatch,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!ItemKeys.IsUsableId(id))
        {
            return new TransitionResult(TransitionResultKind.NotFound, null, null, null);
        }

        var idempotencyRowKey = idempotencyKey is null ? null : IdempotencyRows.RowKey(idempotencyKey);
        var fingerprint = IdempotencyRows.Fingerprint(kind, id, request);

        // A remembered row spares the read; whatever it leads to other than a commit is judged again from storage (see RecentItemStates).
        var remembered = rows.FindRemembered(kind, id);
        for (var attempt = 1; ; attempt++)
        {
            TableEntity? state = remembered;
            if (state is null)
            {
                // A racing request with the same key commits its idempotency row together with the state, so either that row is
                // visible here or our own commit (which adds the same row) fails and the loser answers from the winner's record.
                (state, var earlier) = await ReadStateAndIdempotencyAsync(kind, id, idempotencyRowKey, cancellationToken);
                if (earlier is not null)
                {
                    return await AnswerFromIdempotencyAsync(state, earlier, fingerprint, cancellationToken);
                }
            }

            if (state is null)
            {
                return new TransitionResult(TransitionResultKind.NotFound, null, null, null);
            }

            var current = ItemEntities.ToRecord(state);
            if (ifMatch is not null && !ItemVersion.Matches(ifMatch, current.Version))
            {
                if (Distrust(ref remembered, ref attempt))
                {
                    continue;
                }

                return new TransitionResult(TransitionResultKind.VersionMismatch, current, null, null);
            }

            var now = StoredValues.Instant(time.GetUtcNow());
            var itemState = new ItemState(id, kind, current.Item.LeadAgency, current.Status, current.LastEffectiveDate);
            var decision = LifecycleRules.Evaluate(itemState, actor, request, now);
            if (!decision.IsAllowed)
            {
                if (Distrust(ref remembered, ref attempt))
                {
                    continue;
                }

                var outcome = decision.Outcome == TransitionOutcome.Forbidden ? TransitionResultKind.Forbidden : TransitionResultKind.Invalid;
                return new TransitionResult(outcome, current, decision, null);
            }

            var entry = HistoryChain.Append(id, ItemEntities.HeadOf(state), current.Status, request, now, actor.Id);
            var next = ItemEntities.AfterTransition(state, entry, TransitionEffects.Of(current.Item, entry));
            var actions = new List<TableTransactionAction>(3)
            {
                new(TableTransactionActionType.UpdateReplace, next, state.ETag),
                new(TableTransactionActionType.Add, HistoryEntities.ToEntity(id, entry)),
            };
            if (idempotencyRowKey is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, IdempotencyRows.NewRow(id, idempotencyRowKey, fingerprint, entry.Seq, now)));
            }

            try
            {
                var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
                var etag = response.Value.Count > 0 ? response.Value[0].Headers.ETag : null;
                ItemRecord applied;
                if (etag is { } newTag)
                {
                    rows.RememberCommitted(next, newTag);
                    applied = ItemEntities.ToRecord(next);
                }
                else
                {
                    rows.Forget(id);
                    applied = (await rows.ReadRecordAsync(kind, id, cancellationToken))!;
                }

                return new TransitionResult(TransitionResultKind.Applied, applied, decision, entry);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // The remembered row was stale, or the idempotency key was used before: start over from storage.
                rows.Forget(id);
                if (Distrust(ref remembered, ref attempt))
                {
                    continue;
                }

                // Another write reached the partition first. The same idempotency key may have been the winner.
                if (idempotencyRowKey is not null
                    && await ReadStateAndIdempotencyAsync(kind, id, idempotencyRowKey, cancellationToken) is (var latest, { } winner))
                {
                    return await AnswerFromIdempotencyAsync(latest, winner, fingerprint, cancellationToken);
                }

                if (ifMatch is not null || attempt >= MaxAttempts)
                {
                    var latestItem = await rows.ReadRecordAsync(kind, id, cancellationToken);
                    return latestItem is null
                        ? new TransitionResult(TransitionResultKind.NotFound, null, null, null)
                        : new TransitionResult(TransitionResultKind.Conflict, latestItem, null, null);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), time, cancellationToken);
            }
        }
    }

    public async Task<bool> SetOverdueAsync(ItemKind kind, string id, bool overdue, CancellationToken cancellationToken)
    {
        var state = await rows.ReadStateAsync(kind, id, cancellationToken);
        if (state is null)
        {
            return false;
        }

        var patch = new TableEntity(id, ItemColumns.StateRowKey(id))
        {
            [ItemColumns.Overdue] = overdue,
            [ItemColumns.OverdueCheckedAt] = StoredValues.Instant(time.GetUtcNow()),
        };
        rows.Forget(id);
        try
        {
            await Table.UpdateEntityAsync(patch, ETag.All, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Drops a remembered row after it led to an answer other than a commit, so the next round reads storage; the round is not counted.</summary>
    /// <returns><see langword="true"/> when the round used a remembered row (go round again).</returns>
    private static bool Distrust(ref TableEntity? remembered, ref int attempt)
    {
        if (remembered is null)
        {
            return false;
        }

        remembered = null;
        attempt--;
        return true;
    }

    private async Task<(TableEntity? State, TableEntity? Idempotency)> ReadStateAndIdempotencyAsync(
        ItemKind kind, string id, string? idempotencyRowKey, CancellationToken cancellationToken)
    {
        if (idempotencyRowKey is null)
        {
            return (await rows.ReadStateAsync(kind, id, cancellationToken), null);
        }

        // Two point reads rather than a query: the storage emulator answers any query by scanning the whole table.
        var stateRead = rows.ReadStateAsync(kind, id, cancellationToken);
        var idempotencyRead = Table.GetEntityIfExistsAsync<TableEntity>(id, idempotencyRowKey, cancellationToken: cancellationToken);
        var state = await stateRead;
        var idempotency = await idempotencyRead;
        if (!idempotency.HasValue)
        {
            // The commit adds the idempotency row, so a racing request with the same key still cannot apply twice.
            return (state, null);
        }

        // The state may have been read just before the request that wrote the idempotency row committed: read it again.
        return (await rows.ReadStateAsync(kind, id, cancellationToken), idempotency.Value);
    }

    private async Task<TransitionResult> AnswerFromIdempotencyAsync(
        TableEntity? state, TableEntity idempotency, string fingerprint, CancellationToken cancellationToken)
    {
        if (state is null)
        {
            return new TransitionResult(TransitionResultKind.NotFound, null, null, null);
        }

        var current = ItemEntities.ToRecord(state);
        if (!string.Equals(idempotency.GetString(ItemColumns.Fingerprint), fingerprint, StringComparison.Ordinal))
        {
            return new TransitionResult(TransitionResultKind.IdempotencyKeyMismatch, current, null, null);
        }

        TransitionRecord? entry = null;
        if (idempotency.GetInt32(ItemColumns.Seq) is { } seq)
        {
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(state.PartitionKey, ItemColumns.HistoryRowKey(state.PartitionKey, seq), cancellationToken: cancellationToken);
            entry = row.HasValue && row.Value is { } history ? HistoryEntities.FromEntity(history) : null;
        }

        return new TransitionResult(TransitionResultKind.Replayed, current, null, entry);
    }
}
