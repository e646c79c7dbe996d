using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Seals;
using TwoZones.Storage.Entities;
using TwoZones.Storage.History;

namespace TwoZones.Storage.Seals;

/// <summary>
/// The append-only chain of seals in the seals table. Seal rows share one partition, keyed by inverted seq so the newest sorts first;
/// a seal is added with a conditional insert on its seq, so two hosts sealing at once cannot fork the chain (the loser seals again on
/// top of the winner, or returns the winner's seal when both sealed the same occurrence). The heads a seal commits to are stored in
/// chunks under a partition named by the Merkle root, written before the seal row: identical head sets share their chunks, and the
/// chunks of a seal that lost the race are the winner's or unused.
/// </summary>
public sealed class SealRepository
{
    private const string SealPartition = "seal";
    private const string SealRowPrefix = "s|";
    private const string HeadsPartitionPrefix = "heads|";
    private const long InvertBase = 999_999_999_999;
    private const int MaxAttempts = 5;

    // 32 chunks of at most 60 KB (80 KB once encoded) stay under a transaction's 4 MiB.
    private const int ChunksPerTransaction = 32;

    private readonly TwoZonesTables _tables;
    private readonly HistoryReader _history;
    private readonly TimeProvider _time;

    /// <summary>Creates the repository.</summary>
    /// <param name="tables">The app's tables.</param>
    /// <param name="history">Reads the chain heads to seal.</param>
    /// <param name="time">The server clock (a seal's time).</param>
    public SealRepository(TwoZonesTables tables, HistoryReader history, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(time);
        _tables = tables;
        _history = history;
        _time = time;
    }

    private TableClient Table => _tables.Seals;

    /// <summary>Seals every item's current chain head, chained to the latest seal.</summary>
    /// <param name="reason">Why: <c>schedule</c>, <c>digest 2026-W48</c>, <c>request</c>.</param>
    /// <param name="occurrence">Identifies the run that asks (a timer occurrence, a digest build): a run that already sealed gets
    /// that seal back instead of a second one. <see langword="null"/> to always seal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored seal.</returns>
    public async Task<Seal> AppendAsync(string reason, string? occurrence, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        for (var attempt = 1; ; attempt++)
        {
            // The latest seal is read before looking for the occurrence: a seal of it committed after that read takes the seq this
            // attempt wants, so the insert below fails and the next round finds it.
            var latest = await GetLatestAsync(cancellationToken);
            if (occurrence is not null && await FindByOccurrenceAsync(occurrence, cancellationToken) is { } done)
            {
                return done;
            }

            var sealedAt = StoredValues.Instant(_time.GetUtcNow());
            var heads = await _history.ReadHeadsAsync(cancellationToken);
            var (seal, ordered) = SealChain.Next(latest, sealedAt, reason, heads);
            await WriteHeadsAsync(seal.Root, ordered, cancellationToken);
            try
            {
                await Table.AddEntityAsync(ToEntity(seal, occurrence), cancellationToken);
                return seal;
            }
            catch (RequestFailedException ex) when (ex.Status == 409 && attempt < MaxAttempts)
            {
                // Another host appended this seq first: seal again on top of it (or return its seal, see above).
            }
        }
    }

    /// <summary>The newest seal.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The seal, or <see langword="null"/> when nothing was sealed yet.</returns>
    public async Task<Seal?> GetLatestAsync(CancellationToken cancellationToken) =>
        (await ListAsync(1, cancellationToken)).FirstOrDefault();

    /// <summary>The newest seals, newest first.</summary>
    /// <param name="limit">Most seals returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Up to <paramref name="limit"/> seals; a row that cannot be read is left out (the chain check then reports the gap).</returns>
    public async Task<IReadOnlyList<Seal>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var seals = new List<Seal>(Math.Min(limit, 1000));
        await foreach (var row in Table.QueryAsync<TableEntity>(SealRowsFilter(), maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            if (FromEntity(row) is { } seal)
            {
                seals.Add(seal);
                if (seals.Count == limit)
                {
                    break;
                }
            }
        }

        return seals;
    }

    /// <summary>Every seal, oldest first (for checking the chain of seals and for the export).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>All readable seals in seq order.</returns>
    public async Task<IReadOnlyList<Seal>> ListAllAsync(CancellationToken cancellationToken)
    {
        var seals = await ListAsync(int.MaxValue, cancellationToken);
        return [.. seals.OrderBy(s => s.Seq)];
    }

    /// <summary>One seal by its seq.</summary>
    /// <param name="seq">Seal number.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The seal, or <see langword="null"/>.</returns>
    public async Task<Seal?> GetAsync(long seq, CancellationToken cancellationToken)
    {
        if (seq is < 1 or > InvertBase)
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(SealPartition, SealRowKey(seq), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? FromEntity(entity) : null;
    }

    /// <summary>The heads a seal committed to, in canonical order as stored.</summary>
    /// <param name="seal">The seal.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The heads; check them against the seal's root with <see cref="SealChain.Problem"/>.</returns>
    public async Task<IReadOnlyList<ChainHead>> GetHeadsAsync(Seal seal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var chunks = new List<byte[]>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {HeadsPartitionPrefix + seal.Root}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.GetBinary("Heads") is { } bytes)
            {
                chunks.Add(bytes);
            }
        }

        return SealHeadsCodec.Decode(chunks);
    }

    private async Task<Seal?> FindByOccurrenceAsync(string occurrence, CancellationToken cancellationToken)
    {
        var filter = SealRowsFilter() + " and " + TableClient.CreateQueryFilter($"Occurrence eq {occurrence}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            return FromEntity(row);
        }

        return null;
    }

    private async Task WriteHeadsAsync(string root, IReadOnlyList<ChainHead> ordered, CancellationToken cancellationToken)
    {
        var partition = HeadsPartitionPrefix + root;
        var chunks = SealHeadsCodec.Encode(ordered);
        for (var start = 0; start < chunks.Count; start += ChunksPerTransaction)
        {
            var actions = chunks.Skip(start).Take(ChunksPerTransaction).Select((bytes, i) => new TableTransactionAction(
                TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, (start + i).ToString("D6", CultureInfo.InvariantCulture)) { ["Heads"] = bytes }));
            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    private static string SealRowsFilter() =>
        TableClient.CreateQueryFilter($"PartitionKey eq {SealPartition} and RowKey ge {SealRowPrefix} and RowKey lt {"s}"}");

    private static string SealRowKey(long seq) => SealRowPrefix + (InvertBase - seq).ToString("D12", CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Seal seal, string? occurrence)
    {
        var entity = new TableEntity(SealPartition, SealRowKey(seal.Seq))
        {
            ["Seq"] = seal.Seq,
            ["SealedAt"] = seal.SealedAt,
            ["Reason"] = seal.Reason,
            ["ItemCount"] = seal.ItemCount,
            ["Root"] = seal.Root,
            ["PrevHash"] = seal.PrevHash,
            ["Hash"] = seal.Hash,
        };
        if (occurrence is not null)
        {
            entity["Occurrence"] = occurrence;
        }

        return entity;
    }

    private static Seal? FromEntity(TableEntity entity)
    {
        var seq = entity.GetInt64("Seq");
        var sealedAt = entity.GetDateTimeOffset("SealedAt");
        var reason = entity.GetString("Reason");
        var count = entity.GetInt32("ItemCount");
        var root = entity.GetString("Root");
        var prev = entity.GetString("PrevHash");
        var hash = entity.GetString("Hash");
        return seq is null || sealedAt is null || reason is null || count is null || root is null || prev is null || hash is null
            ? null
            : new Seal(seq.Value, sealedAt.Value.ToUniversalTime(), reason, count.Value, root, prev, hash);
    }
}
