using Azure;
using Azure.Data.Tables;
using TwoZones.Core.History;
using TwoZones.Core.Indicators;
using TwoZones.Core.Lifecycle;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage.Indicators;

/// <summary>
/// Indicators in their own table: definitions, reported actuals in an append-only hash-chained history, and idempotency records, all of
/// an indicator in its partition, so a report (state + history + idempotency rows) commits in one entity-group transaction guarded by
/// the state row's ETag, as an item's status change does.
/// </summary>
public sealed class IndicatorRepository
{
    /// <summary>Most actuals an imported indicator may bring (its creation is one transaction of at most 100 rows).</summary>
    public const int MaxImportedActuals = 90;

    private const int MaxAttempts = 5;

    private readonly TableClient _table;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository; no network call is made until it is used.</summary>
    /// <param name="tables">The app's tables.</param>
    /// <param name="time">Server clock for recorded times.</param>
    public IndicatorRepository(TwoZonesTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _table = tables.Indicators;
        _time = time;
    }

    /// <summary>Every indicator, in the order they were imported.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The indicators.</returns>
    public async Task<IReadOnlyList<IndicatorRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {IndicatorEntities.StateRowKey}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return [.. rows.OrderBy(IndicatorEntities.PositionOf).ThenBy(r => r.PartitionKey, StringComparer.Ordinal).Select(IndicatorEntities.ToRecord)];
    }

    /// <summary>Reads one indicator.</summary>
    /// <param name="id">Indicator id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The indicator, or <see langword="null"/> when there is none with that id.</returns>
    public async Task<IndicatorRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(id, cancellationToken);
        return state is null ? null : IndicatorEntities.ToRecord(state);
    }

    /// <summary>Reads an indicator's history and checks its hash chain against the head kept on its state row.</summary>
    /// <param name="id">Indicator id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries and the check, or <see langword="null"/> when the indicator does not exist.</returns>
    public async Task<IndicatorHistory?> GetHistoryAsync(string id, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(id, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var filter = ItemColumns.HistoryRowsFilter(id);
        var entries = new List<IndicatorActual>();
        int? unreadable = null;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (IndicatorEntities.FromEntity(row) is { } entry)
            {
                entries.Add(entry);
            }
            else
            {
                unreadable ??= HistoryEntities.SeqFromRowKey(row.RowKey);
            }
        }

        entries.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        var verification = unreadable is { } broken
            ? new ChainVerification(false, broken, $"Entry {broken} cannot be read; its content was changed.")
            : IndicatorChain.Verify(id, entries, ItemEntities.LastHashOf(state));
        return new IndicatorHistory(entries, verification);
    }

    /// <summary>
    /// Creates the indicators that do not exist yet, each with its earlier actuals as its first history entries, in one transaction per
    /// indicator. An existing indicator is never changed, so importing the same file again changes nothing.
    /// </summary>
    /// <param name="indicators">Validated indicators, in display order.</param>
    /// <param name="actor">Recorded as the author of the definitions and the imported entries.</param>
    /// <param name="cancellationToken">Cancels the import (indicators already created stay).</param>
    /// <returns>How many were created and how many already existed.</returns>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<IndicatorImport> indicators, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var existing = await ListAsync(cancellationToken);
        var position = existing.Count;
        var known = existing.Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        var created = 0;
        var unchanged = 0;
        foreach (var import in indicators)
        {
            if (known.Contains(import.Definition.Id) || !await CreateAsync(import, position, actor, cancellationToken))
            {
                unchanged++;
                continue;
            }

            position++;
            created++;
        }

        return new ImportResult(created, unchanged);
    }

    /// <summary>
    /// Records an actual: checks idempotency, existence and the rules, then writes the new state, the history entry and the idempotency
    /// record in one transaction that fails if the indicator changed meanwhile (then it is decided again from a fresh read).
    /// </summary>
    /// <param name="id">Indicator id.</param>
    /// <param name="actor">The caller.</param>
    /// <param name="request">The report.</param>
    /// <param name="idempotencyKey">The caller's idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome.</returns>
    public async Task<ActualResult> RecordActualAsync(string id, Actor actor, ActualRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(request);
        if (!Indicator.IsId(id))
        {
            return new ActualResult(TransitionResultKind.NotFound, null, null, null);
        }

        var idempotencyRowKey = idempotencyKey is null ? null : IdempotencyRows.RowKey(idempotencyKey);
        var fingerprint = IdempotencyRows.Fingerprint("indicator", id, request.Period, IndicatorChain.FormatValue(request.Value), request.Note, request.EvidenceUrl);
        for (var attempt = 1; ; attempt++)
        {
            var (state, earlier) = await ReadStateAndIdempotencyAsync(id, idempotencyRowKey, cancellationToken);
            if (state is null)
            {
                return new ActualResult(TransitionResultKind.NotFound, null, null, null);
            }

            if (earlier is not null)
            {
                return await AnswerFromIdempotencyAsync(state, earlier, fingerprint, cancellationToken);
            }

            var current = IndicatorEntities.ToRecord(state);
            var now = StoredValues.Instant(_time.GetUtcNow());
            var decision = IndicatorRules.Evaluate(current.Definition, actor, request, now);
            if (!decision.IsAllowed)
            {
                var outcome = decision.Outcome == TransitionOutcome.Forbidden ? TransitionResultKind.Forbidden : TransitionResultKind.Invalid;
                return new ActualResult(outcome, current, decision, null);
            }

            var entry = IndicatorChain.Append(id, current.HistoryLength, ItemEntities.LastHashOf(state), request, now, actor.Id);
            var next = IndicatorEntities.WithEntry(state, entry);
            var actions = new List<TableTransactionAction>(3)
            {
                new(TableTransactionActionType.UpdateReplace, next, state.ETag),
                new(TableTransactionActionType.Add, IndicatorEntities.ToEntity(id, entry)),
            };
            if (idempotencyRowKey is not null)
            {
                actions.Add(new(TableTransactionActionType.Add, IdempotencyRows.NewRow(id, idempotencyRowKey, fingerprint, entry.Seq, now)));
            }

            try
            {
                await _table.SubmitTransactionAsync(actions, cancellationToken);
                return new ActualResult(TransitionResultKind.Applied, IndicatorEntities.ToRecord(next), decision, entry);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another report reached the partition first (perhaps the same key's retry): decide again from storage.
                if (attempt >= MaxAttempts)
                {
                    var latest = await GetAsync(id, cancellationToken);
                    return new ActualResult(latest is null ? TransitionResultKind.NotFound : TransitionResultKind.Conflict, latest, null, null);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), _time, cancellationToken);
            }
        }
    }

    private async Task<bool> CreateAsync(IndicatorImport import, int position, string actor, CancellationToken cancellationToken)
    {
        var definition = import.Definition;
        if (!Indicator.IsId(definition.Id))
        {
            throw new ArgumentException($"Indicator id '{definition.Id}' cannot be stored.", nameof(import));
        }

        if (import.Actuals.Count > MaxImportedActuals)
        {
            throw new ArgumentException($"An imported indicator may bring at most {MaxImportedActuals} actuals.", nameof(import));
        }

        var now = StoredValues.Instant(_time.GetUtcNow());
        var state = IndicatorEntities.NewState(definition, position, now, actor);
        var history = new List<TableTransactionAction>();
        var lastSeq = 0;
        var lastHash = HistoryChain.GenesisHash;
        foreach (var actual in import.Actuals)
        {
            var entry = IndicatorChain.Append(definition.Id, lastSeq, lastHash, actual, now, actor);
            state = IndicatorEntities.WithEntry(state, entry);
            history.Add(new(TableTransactionActionType.Add, IndicatorEntities.ToEntity(definition.Id, entry)));
            (lastSeq, lastHash) = (entry.Seq, entry.Hash);
        }

        var actions = new List<TableTransactionAction>(history.Count + 1) { new(TableTransactionActionType.Add, state) };
        actions.AddRange(history);
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private async Task<TableEntity?> ReadStateAsync(string id, CancellationToken cancellationToken)
    {
        if (!Indicator.IsId(id))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id, IndicatorEntities.StateRowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    private async Task<(TableEntity? State, TableEntity? Idempotency)> ReadStateAndIdempotencyAsync(string id, string? idempotencyRowKey, CancellationToken cancellationToken)
    {
        if (idempotencyRowKey is null)
        {
            return (await ReadStateAsync(id, cancellationToken), null);
        }

        var stateRead = ReadStateAsync(id, cancellationToken);
        var idempotencyRead = _table.GetEntityIfExistsAsync<TableEntity>(id, idempotencyRowKey, cancellationToken: cancellationToken);
        var state = await stateRead;
        var idempotency = await idempotencyRead;
        if (!idempotency.HasValue)
        {
            // The commit adds the idempotency row, so a racing request with the same key still cannot apply twice.
            return (state, null);
        }

        // The state may have been read just before the report that wrote the idempotency row committed: read it again.
        return (await ReadStateAsync(id, cancellationToken), idempotency.Value);
    }

    private async Task<ActualResult> AnswerFromIdempotencyAsync(TableEntity state, TableEntity idempotency, string fingerprint, CancellationToken cancellationToken)
    {
        var current = IndicatorEntities.ToRecord(state);
        if (!string.Equals(idempotency.GetString(ItemColumns.Fingerprint), fingerprint, StringComparison.Ordinal))
        {
            return new ActualResult(TransitionResultKind.IdempotencyKeyMismatch, current, null, null);
        }

        IndicatorActual? entry = null;
        if (idempotency.GetInt32(ItemColumns.Seq) is { } seq)
        {
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(state.PartitionKey, IndicatorEntities.HistoryRowKey(seq), cancellationToken: cancellationToken);
            entry = row.HasValue && row.Value is { } history ? IndicatorEntities.FromEntity(history) : null;
        }

        return new ActualResult(TransitionResultKind.Replayed, current, null, entry);
    }
}
