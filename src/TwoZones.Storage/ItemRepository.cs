using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Core.Time;
using TwoZones.Storage.Entities;

namespace TwoZones.Storage;

/// <summary>
/// Tasks and measures in the items table: reads, listings, status transitions (state row + history row + idempotency row
/// committed in one entity-group transaction guarded by the state row's ETag), history with chain verification, and import.
/// </summary>
public sealed class ItemRepository
{
    /// <summary>Largest page a listing returns (the table service's own page limit).</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Longest note or evidence URL stored with a transition, in characters (a table column holds at most 32K UTF-16 characters).</summary>
    public const int MaxTextLength = 16_000;

    private const int MaxAttempts = 5;
    private const int ImportParallelism = 16;
    private const int PrescanThreshold = 50;
    private const string ImportNote = "imported";

    // Comfortably more than the programme's items (about 750): every item's last known row stays in memory.
    private const int RecentCapacity = 20_000;

    private readonly TwoZonesTables _tables;
    private readonly TimeProvider _time;
    private readonly RecentItemStates _recent = new(RecentCapacity);

    /// <summary>Creates the repository.</summary>
    /// <param name="tables">The app's tables.</param>
    /// <param name="time">Server clock for recorded times and "today".</param>
    public ItemRepository(TwoZonesTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _time = time;
    }

    private TableClient Table => _tables.Items;

    /// <summary>Reads one item.</summary>
    /// <param name="kind">Task or measure; an item of the other kind is not found.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or <see langword="null"/> when there is no item of that kind with that id.</returns>
    public async Task<ItemRecord?> GetAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        var entity = await ReadStateAsync(kind, id, cancellationToken);
        return entity is null ? null : ItemEntities.ToRecord(entity);
    }

    /// <summary>Lists items of one kind, ordered by id, one page at a time.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="filter">Conditions on programme, agency, status and the overdue flag; values are passed as query parameters, never as filter text.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Most items per page, 1…<see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of items (never empty unless the listing is) and the token of the next page.</returns>
    /// <exception cref="InvalidContinuationTokenException">The token was not issued by this method.</exception>
    public async Task<ItemPage> ListAsync(ItemKind kind, ItemFilter filter, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);

        var clientToken = ContinuationTokens.Decode(continuationToken);
        var query = ListFilter(kind, filter);
        var items = new List<ItemRecord>(pageSize);
        var next = clientToken;
        var first = true;

        // The service may answer a page with no rows and a token (it stops scanning after a time or row budget);
        // reading on keeps clients from seeing empty pages in the middle of a listing.
        do
        {
            Page<TableEntity> page;
            try
            {
                page = await FirstPageAsync(query, next, pageSize - items.Count, cancellationToken);
            }
            catch (Exception ex) when (first && clientToken is not null && IsRejectedToken(ex))
            {
                throw new InvalidContinuationTokenException("The continuation token is not valid.", ex);
            }

            first = false;
            foreach (var row in page.Values)
            {
                _recent.Remember(row);
                items.Add(ItemEntities.ToRecord(row));
            }

            next = page.ContinuationToken;
        }
        while (items.Count == 0 && next is not null);

        return new ItemPage(items, ContinuationTokens.Encode(next));
    }

    /// <summary>
    /// Applies a status change: checks idempotency, existence, the <c>If-Match</c> version and the lifecycle rules, then writes the new
    /// state, the history entry and the idempotency record in one transaction that fails if the state changed meanwhile.
    /// </summary>
    /// <remarks>
    /// When this repository remembers the item's state row (it last read or wrote it), the checks run on that row and the transaction is
    /// sent without reading first; the row's ETag guards it, and any outcome other than a commit is decided again from a fresh read.
    /// </remarks>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="actor">The caller (its id is recorded in history).</param>
    /// <param name="request">The requested change.</param>
    /// <param name="ifMatch">The version the caller saw (an <c>If-Match</c> value, quoted or not), or <see langword="null"/>.</param>
    /// <param name="idempotencyKey">The caller's idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The outcome. Without <paramref name="ifMatch"/>, a lost race is retried from a fresh read (so the rules always judge the state the
    /// entry is appended to); with it, a lost race is a <see cref="TransitionResultKind.Conflict"/>.
    /// </returns>
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
        var remembered = _recent.Find(kind, id);
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

            var now = StoredValues.Instant(_time.GetUtcNow());
            var itemState = new ItemState(id, kind, current.Item.LeadAgency, current.Status, current.LastEffectiveDate);
            var decision = LimitText(LifecycleRules.Evaluate(itemState, actor, request, now), request);
            if (!decision.IsAllowed)
            {
                if (Distrust(ref remembered, ref attempt))
                {
                    continue;
                }

                var outcome = decision.Outcome == TransitionOutcome.Forbidden ? TransitionResultKind.Forbidden : TransitionResultKind.Invalid;
                return new TransitionResult(outcome, current, decision, null);
            }

            var entry = NextEntry(id, state, current.Status, request, now, actor.Id);
            var next = NextState(state, current.Item, entry, now);
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
                    _recent.Remember(WithETag(next, newTag));
                    applied = ItemEntities.ToRecord(next);
                }
                else
                {
                    _recent.Forget(id);
                    applied = (await GetAsync(kind, id, cancellationToken))!;
                }

                return new TransitionResult(TransitionResultKind.Applied, applied, decision, entry);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // The remembered row was stale, or the idempotency key was used before: start over from storage.
                _recent.Forget(id);
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
                    var latestItem = await GetAsync(kind, id, cancellationToken);
                    return latestItem is null
                        ? new TransitionResult(TransitionResultKind.NotFound, null, null, null)
                        : new TransitionResult(TransitionResultKind.Conflict, latestItem, null, null);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), _time, cancellationToken);
            }
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

    /// <summary>
    /// The history entries of every item recorded in [<paramref name="from"/>, <paramref name="to"/>), read with one query over the
    /// history rows: for reports over a period, where reading each item's history would cost a query per item.
    /// </summary>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Entries by item id, in seq order; rows that cannot be read are left out (<see cref="GetHistoryAsync"/> reports them).</returns>
    public async Task<IReadOnlyDictionary<string, List<TransitionRecord>>> ReadTransitionsRecordedAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"RowKey gt {ItemColumns.HistoryRowPrefix} and RowKey lt {"h."} and RecordedAt ge {from.ToUniversalTime()} and RecordedAt lt {to.ToUniversalTime()}");
        var entries = new Dictionary<string, List<TransitionRecord>>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPageSize, cancellationToken: cancellationToken))
        {
            if (HistoryEntities.FromEntity(row) is { } entry)
            {
                if (!entries.TryGetValue(row.PartitionKey, out var list))
                {
                    entries[row.PartitionKey] = list = [];
                }

                list.Add(entry);
            }
        }

        foreach (var list in entries.Values)
        {
            list.Sort((a, b) => a.Seq.CompareTo(b.Seq));
        }

        return entries;
    }

    /// <summary>Reads an item's history and checks its hash chain.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries in seq order and the verification, or <see langword="null"/> when the item does not exist.</returns>
    public async Task<ItemHistory?> GetHistoryAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(kind, id, cancellationToken);
        if (state is null)
        {
            return null;
        }

        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {id} and RowKey gt {ItemColumns.HistoryRowPrefix} and RowKey lt {"h."}");
        var entries = new List<TransitionRecord>();
        int? unreadableSeq = null;
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPageSize, cancellationToken: cancellationToken))
        {
            var entry = HistoryEntities.FromEntity(row);
            if (entry is null)
            {
                unreadableSeq ??= HistoryEntities.SeqFromRowKey(row.RowKey);
                continue;
            }

            if (unreadableSeq is null)
            {
                entries.Add(entry);
            }
        }

        var verification = unreadableSeq is { } broken
            ? HistoryChain.Verify(id, entries) is { IsValid: false } earlier
                ? earlier
                : new ChainVerification(false, broken, $"Entry {broken} cannot be read; its content was changed.")
            : HistoryChain.Verify(id, entries, ItemEntities.LastHashOf(state));
        return new ItemHistory(entries, verification);
    }

    /// <summary>Projects every item (tasks and measures) to the fields progress needs, reading only those columns.</summary>
    /// <param name="changedSince">Only items whose state row was written at or after this instant (server time); <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The projections, ordered by id.</returns>
    public async Task<IReadOnlyList<ItemSnapshot>> ReadSnapshotsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken)
    {
        var filter = ItemColumns.StateRowsFilter();
        if (changedSince is { } since)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Timestamp ge {since.ToUniversalTime()}");
        }

        var snapshots = new List<ItemSnapshot>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPageSize, select: ItemColumns.SnapshotColumns, cancellationToken: cancellationToken))
        {
            if (ItemEntities.KindOf(row) is not null)
            {
                snapshots.Add(ItemEntities.ToSnapshot(row));
            }
        }

        return snapshots;
    }

    /// <summary>Sets the overdue flag (and when it was checked) without touching anything else.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="overdue">The flag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the item exists and was updated; <see langword="false"/> when there is no such item.</returns>
    public async Task<bool> SetOverdueAsync(ItemKind kind, string id, bool overdue, CancellationToken cancellationToken)
    {
        var state = await ReadStateAsync(kind, id, cancellationToken);
        if (state is null)
        {
            return false;
        }

        var patch = new TableEntity(id, ItemColumns.StateRowKey(id))
        {
            [ItemColumns.Overdue] = overdue,
            [ItemColumns.OverdueCheckedAt] = StoredValues.Instant(_time.GetUtcNow()),
        };
        _recent.Forget(id);
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

    /// <summary>
    /// Creates the items that do not exist yet. An existing item is never changed (its status never moves). A new item arriving
    /// Commenced or Completed gets the synthetic history entries that lead there (note <c>imported</c>), committed with its state.
    /// </summary>
    /// <param name="items">Validated catalogue items.</param>
    /// <param name="actor">Recorded as the author of the state and the synthetic entries.</param>
    /// <param name="cancellationToken">Cancels the import (items already created stay).</param>
    /// <returns>How many were created and how many already existed.</returns>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<CatalogueItem> items, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentException.ThrowIfNullOrEmpty(actor);
        var unusable = items.FirstOrDefault(i => !ItemKeys.IsUsableId(i.Id));
        if (unusable is not null)
        {
            throw new ArgumentException($"Item id '{unusable.Id}' cannot be stored.", nameof(items));
        }

        // A listing of existing ids saves one failed transaction per known item on a re-import; for a handful of items
        // (an orchestration creating items one at a time) the scan would cost more than it saves.
        var existing = items.Count > PrescanThreshold
            ? await ReadExistingIdsAsync(cancellationToken)
            : new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var created = 0;
        var unchanged = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = ImportParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(items, options, async (item, ct) =>
        {
            var isNew = !existing.ContainsKey(item.Id) && await CreateAsync(item, actor, ct);
            Interlocked.Increment(ref isNew ? ref created : ref unchanged);
        });

        return new ImportResult(created, unchanged);
    }

    private async Task<bool> CreateAsync(CatalogueItem item, string actor, CancellationToken cancellationToken)
    {
        var now = StoredValues.Instant(_time.GetUtcNow());
        var today = ShanghaiClock.Today(now);
        var history = new List<TransitionRecord>(2);
        TransitionRecord? last = null;
        var stored = item;
        if (item.Status is ItemStatus.Commenced or ItemStatus.Completed)
        {
            var commencedOn = item.CommencedOn ?? item.CompletedOn ?? today;
            last = HistoryChain.Append(item.Id, last, ItemStatus.Proposed, ItemStatus.Commenced, commencedOn, now, actor, ImportNote, null);
            history.Add(last);
            stored = stored with { CommencedOn = commencedOn };
        }

        if (item.Status == ItemStatus.Completed)
        {
            var completedOn = item.CompletedOn ?? last!.EffectiveDate;
            last = HistoryChain.Append(item.Id, last, ItemStatus.Commenced, ItemStatus.Completed, completedOn, now, actor, ImportNote, null);
            history.Add(last);
            stored = stored with { CompletedOn = completedOn };
        }
        else
        {
            stored = stored with { CompletedOn = null };
        }

        if (item.Status == ItemStatus.Proposed)
        {
            stored = stored with { CommencedOn = null };
        }

        var overdue = OverdueRule.IsOverdue(stored.Status, stored.PlannedCommencement, stored.PlannedCompletion, today);
        var state = ItemEntities.NewState(stored, now, actor, last, overdue);
        var actions = new List<TableTransactionAction>(3) { new(TableTransactionActionType.Add, state) };
        actions.AddRange(history.Select(h => new TableTransactionAction(TableTransactionActionType.Add, HistoryEntities.ToEntity(item.Id, h))));
        try
        {
            var response = await Table.SubmitTransactionAsync(actions, cancellationToken);
            if (response.Value.Count > 0 && response.Value[0].Headers.ETag is { } etag)
            {
                _recent.Remember(WithETag(state, etag));
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    private async Task<ConcurrentDictionary<string, bool>> ReadExistingIdsAsync(CancellationToken cancellationToken)
    {
        var ids = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        var filter = ItemColumns.StateRowsFilter();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: MaxPageSize, select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            ids[row.PartitionKey] = true;
        }

        return ids;
    }

    private async Task<TableEntity?> ReadStateAsync(ItemKind kind, string id, CancellationToken cancellationToken)
    {
        if (!ItemKeys.IsUsableId(id))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(id, ItemColumns.StateRowKey(id), cancellationToken: cancellationToken);
        if (response.HasValue && response.Value is { } entity && ItemEntities.KindOf(entity) == kind)
        {
            _recent.Remember(entity);
            return entity;
        }

        return null;
    }

    private async Task<(TableEntity? State, TableEntity? Idempotency)> ReadStateAndIdempotencyAsync(
        ItemKind kind, string id, string? idempotencyRowKey, CancellationToken cancellationToken)
    {
        if (idempotencyRowKey is null)
        {
            return (await ReadStateAsync(kind, id, cancellationToken), null);
        }

        // Two point reads rather than a query: the storage emulator answers any query by scanning the whole table.
        var stateRead = ReadStateAsync(kind, id, cancellationToken);
        var idempotencyRead = Table.GetEntityIfExistsAsync<TableEntity>(id, idempotencyRowKey, cancellationToken: cancellationToken);
        var state = await stateRead;
        var idempotency = await idempotencyRead;
        if (!idempotency.HasValue)
        {
            // The commit adds the idempotency row, so a racing request with the same key still cannot apply twice.
            return (state, null);
        }

        // The state may have been read just before the request that wrote the idempotency row committed: read it again.
        return (await ReadStateAsync(kind, id, cancellationToken), idempotency.Value);
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

    private static string ListFilter(ItemKind kind, ItemFilter filter)
    {
        var query = ItemColumns.StateRowsFilter() + " and " + TableClient.CreateQueryFilter($"Kind eq {StoredValues.KindName(kind)}");
        if (filter.Programme is { } programme)
        {
            query += " and " + TableClient.CreateQueryFilter($"Programme eq {programme}");
        }

        if (filter.Agency is { } agency)
        {
            query += " and " + TableClient.CreateQueryFilter($"LeadAgency eq {agency}");
        }

        if (filter.Status is { } status)
        {
            query += " and " + TableClient.CreateQueryFilter($"Status eq {StoredValues.StatusName(status)}");
        }

        if (filter.Overdue is { } overdue)
        {
            query += " and " + TableClient.CreateQueryFilter($"Overdue eq {overdue}");
        }

        if (filter.Stale is { } stale && filter.StaleCutoff is { } cutoff)
        {
            // Dates are stored as yyyy-MM-dd, so comparing the text compares the dates (see StaleRule).
            var commenced = StoredValues.StatusName(ItemStatus.Commenced);
            var day = StoredValues.Date(cutoff);
            query += " and " + (stale
                ? TableClient.CreateQueryFilter($"(Status eq {commenced} and LastEffectiveDate le {day})")
                : TableClient.CreateQueryFilter($"(Status ne {commenced} or LastEffectiveDate gt {day})"));
        }

        return query;
    }

    private async Task<Page<TableEntity>> FirstPageAsync(string query, string? azureToken, int pageSize, CancellationToken cancellationToken)
    {
        await foreach (var page in Table.QueryAsync<TableEntity>(query, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(azureToken, pageSize))
        {
            return page;
        }

        return Page<TableEntity>.FromValues([], null, null!);
    }

    private static bool IsRejectedToken(Exception ex) => ex switch
    {
        RequestFailedException { Status: 400 } => true,
        ArgumentException or FormatException or IndexOutOfRangeException or InvalidOperationException => true,
        _ => false,
    };

    private static TransitionDecision LimitText(TransitionDecision decision, TransitionRequest request)
    {
        if (!decision.IsAllowed)
        {
            return decision;
        }

        if ((request.Note?.Length ?? 0) > MaxTextLength || (request.EvidenceUrl?.Length ?? 0) > MaxTextLength)
        {
            return decision with
            {
                Outcome = TransitionOutcome.Invalid,
                Message = $"The note and the evidence URL may have at most {MaxTextLength} characters each.",
            };
        }

        return decision;
    }

    private static TransitionRecord NextEntry(string id, TableEntity state, ItemStatus from, TransitionRequest request, DateTimeOffset now, string actorId)
    {
        var seq = ItemEntities.LastSeqOf(state) + 1;
        var prevHash = ItemEntities.LastHashOf(state);
        var hash = HistoryChain.ComputeHash(id, seq, from, request.To, request.EffectiveDate, now, actorId, request.Note, request.EvidenceUrl, prevHash);
        return new TransitionRecord(seq, from, request.To, request.EffectiveDate, now, actorId, request.Note, request.EvidenceUrl, prevHash, hash);
    }

    private static TableEntity NextState(TableEntity state, CatalogueItem item, TransitionRecord entry, DateTimeOffset now)
    {
        var next = new TableEntity(state.PartitionKey, state.RowKey);
        foreach (var (key, value) in state)
        {
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                next[key] = value;
            }
        }

        var commencedOn = entry.To == ItemStatus.Commenced && entry.From == ItemStatus.Proposed ? entry.EffectiveDate : item.CommencedOn;
        var completedOn = entry.To == ItemStatus.Completed ? entry.EffectiveDate : (DateOnly?)null;
        next[ItemColumns.Status] = StoredValues.StatusName(entry.To);
        ItemEntities.SetOrRemove(next, ItemColumns.CommencedOn, StoredValues.Date(commencedOn ?? (entry.To == ItemStatus.Commenced ? entry.EffectiveDate : null)));
        ItemEntities.SetOrRemove(next, ItemColumns.CompletedOn, StoredValues.Date(completedOn));
        next[ItemColumns.LastEffectiveDate] = StoredValues.Date(entry.EffectiveDate);
        next[ItemColumns.LastSeq] = entry.Seq;
        next[ItemColumns.LastHash] = entry.Hash;
        next[ItemColumns.UpdatedAt] = now;
        next[ItemColumns.UpdatedBy] = entry.Actor;
        next[ItemColumns.Overdue] = OverdueRule.IsOverdue(entry.To, item.PlannedCommencement, item.PlannedCompletion, ShanghaiClock.Today(now));
        next[ItemColumns.OverdueCheckedAt] = now;
        return next;
    }

    private static TableEntity WithETag(TableEntity entity, ETag etag)
    {
        entity.ETag = etag;
        return entity;
    }
}
