using TwoZones.Core.Catalogue;
using TwoZones.Core.History;
using TwoZones.Core.Lifecycle;
using TwoZones.Core.Progress;
using TwoZones.Storage.Items;

namespace TwoZones.Storage;

/// <summary>
/// Tasks and measures in the items table: reads and listings, status transitions (state row + history row + idempotency row
/// committed in one entity-group transaction guarded by the state row's ETag), history with chain verification, and import.
/// One instance per process: the state rows it reads or writes are remembered across all of them.
/// </summary>
public sealed class ItemRepository
{
    /// <summary>Largest page a listing returns (the table service's own page limit).</summary>
    public const int MaxPageSize = 1000;

    private readonly ItemRows _rows;
    private readonly ItemQueries _queries;
    private readonly ItemStateWriter _writer;
    private readonly ItemImporter _importer;

    /// <summary>Creates the repository.</summary>
    /// <param name="tables">The app's tables.</param>
    /// <param name="time">Server clock for recorded times and "today".</param>
    public ItemRepository(TwoZonesTables tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(time);
        _rows = new ItemRows(tables);
        _queries = new ItemQueries(_rows);
        _writer = new ItemStateWriter(_rows, time);
        _importer = new ItemImporter(_rows, time);
    }

    /// <summary>Reads one item.</summary>
    /// <param name="kind">Task or measure; an item of the other kind is not found.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The item, or <see langword="null"/> when there is no item of that kind with that id.</returns>
    public Task<ItemRecord?> GetAsync(ItemKind kind, string id, CancellationToken cancellationToken) =>
        _rows.ReadRecordAsync(kind, id, cancellationToken);

    /// <summary>Lists items of one kind, ordered by id, one page at a time.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="filter">Conditions on programme, agency, status and the overdue flag; values are passed as query parameters, never as filter text.</param>
    /// <param name="continuationToken">The token of the previous page, or <see langword="null"/> for the first.</param>
    /// <param name="pageSize">Most items per page, 1…<see cref="MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A page of items (never empty unless the listing is) and the token of the next page.</returns>
    /// <exception cref="InvalidContinuationTokenException">The token was not issued by this method.</exception>
    public Task<ItemPage> ListAsync(ItemKind kind, ItemFilter filter, string? continuationToken, int pageSize, CancellationToken cancellationToken) =>
        _queries.ListAsync(kind, filter, continuationToken, pageSize, cancellationToken);

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
    public Task<TransitionResult> ApplyTransitionAsync(
        ItemKind kind,
        string id,
        Actor actor,
        TransitionRequest request,
        string? ifMatch,
        string? idempotencyKey,
        CancellationToken cancellationToken) =>
        _writer.ApplyTransitionAsync(kind, id, actor, request, ifMatch, idempotencyKey, cancellationToken);

    /// <summary>
    /// The history entries of every item recorded in [<paramref name="from"/>, <paramref name="to"/>), read with one query over the
    /// history rows: for reports over a period, where reading each item's history would cost a query per item.
    /// </summary>
    /// <param name="from">Start of the period (inclusive).</param>
    /// <param name="to">End of the period (exclusive).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Entries by item id, in seq order; rows that cannot be read are left out (<see cref="GetHistoryAsync"/> reports them).</returns>
    public Task<IReadOnlyDictionary<string, List<TransitionRecord>>> ReadTransitionsRecordedAsync(
        DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        _queries.ReadTransitionsRecordedAsync(from, to, cancellationToken);

    /// <summary>Reads an item's history and checks its hash chain.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries in seq order and the verification, or <see langword="null"/> when the item does not exist.</returns>
    public Task<ItemHistory?> GetHistoryAsync(ItemKind kind, string id, CancellationToken cancellationToken) =>
        _queries.GetHistoryAsync(kind, id, cancellationToken);

    /// <summary>Projects every item (tasks and measures) to the fields progress needs, reading only those columns.</summary>
    /// <param name="changedSince">Only items whose state row was written at or after this instant (server time); <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The projections, ordered by id.</returns>
    public Task<IReadOnlyList<ItemSnapshot>> ReadSnapshotsAsync(DateTimeOffset? changedSince, CancellationToken cancellationToken) =>
        _queries.ReadSnapshotsAsync(changedSince, cancellationToken);

    /// <summary>Sets the overdue flag (and when it was checked) without touching anything else.</summary>
    /// <param name="kind">Task or measure.</param>
    /// <param name="id">Item id.</param>
    /// <param name="overdue">The flag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when the item exists and was updated; <see langword="false"/> when there is no such item.</returns>
    public Task<bool> SetOverdueAsync(ItemKind kind, string id, bool overdue, CancellationToken cancellationToken) =>
        _writer.SetOverdueAsync(kind, id, overdue, cancellationToken);

    /// <summary>
    /// Creates the items that do not exist yet. An existing item is never changed (its status never moves). A new item arriving
    /// Commenced or Completed gets the synthetic history entries that lead there (note <c>imported</c>), committed with its state.
    /// </summary>
    /// <param name="items">Validated catalogue items.</param>
    /// <param name="actor">Recorded as the author of the state and the synthetic entries.</param>
    /// <param name="cancellationToken">Cancels the import (items already created stay).</param>
    /// <returns>How many were created and how many already existed.</returns>
    public Task<ImportResult> ImportAsync(IReadOnlyList<CatalogueItem> items, string actor, CancellationToken cancellationToken) =>
        _importer.ImportAsync(items, actor, cancellationToken);
}
