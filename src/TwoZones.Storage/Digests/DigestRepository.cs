using System.Globalization;
using Azure;
using Azure.Data.Tables;
using TwoZones.Core.Digest;
using TwoZones.Core.Time;

namespace TwoZones.Storage.Digests;

/// <summary>
/// Stores weekly digests in Azure Tables: one partition per ISO week, holding a head row (delivery state and which
/// generation of content is current) and the JSON and renderings split into rows of at most <see cref="ChunkLength"/> characters
/// (a table property holds at most 64 KiB). Content rows of a new generation are written before the head row points at them,
/// so a reader never sees half of a digest, whatever the size.
/// </summary>
public sealed class DigestRepository
{
    /// <summary>The most characters kept in one content row (UTF-16, so at most 60 000 bytes).</summary>
    public const int ChunkLength = TextRows.ChunkLength;

    private const string HeadRowKey = "digest";
    private const string ContentPrefix = "c-";

    private readonly TwoZonesTables _tables;

    /// <summary>Creates the repository; no network call is made until it is used.</summary>
    /// <param name="tables">The app's tables.</param>
    public DigestRepository(TwoZonesTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
    }

    private TableClient Table => _tables.Digests;

    /// <summary>Stores (or replaces) the digest of its week with its documents. The delivery state of an earlier version of the same
    /// week is kept; the sections staged for it (<see cref="DigestSectionStaging"/>) are removed.</summary>
    /// <param name="rendered">The digest with its JSON and its renderings.</param>
    /// <param name="instanceId">The orchestration instance that built it.</param>
    /// <param name="storedAt">Now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored digest.</returns>
    public async Task<StoredDigest> SaveAsync(RenderedDigest rendered, string instanceId, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var digest = rendered.Digest;
        var week = IsoWeekId.Parse(digest.Week).ToString();
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);

        var generation = Guid.NewGuid().ToString("N");
        var rows = new List<TableEntity>();
        var chunkCounts = new List<string>();
        foreach (var (document, text) in rendered.Documents)
        {
            var chunks = TextRows.Chunk(text);
            chunkCounts.Add(string.Create(CultureInfo.InvariantCulture, $"{document}={chunks.Count}"));
            for (var i = 0; i < chunks.Count; i++)
            {
                rows.Add(new TableEntity(week, ContentRowKey(generation, document, i)) { [TextRows.TextColumn] = chunks[i] });
            }
        }

        await TextRows.UpsertAsync(Table, TextRows.Batches(rows), cancellationToken).ConfigureAwait(false);

        // Merge, so that the delivery fields of an earlier version of this week survive a rebuild.
        var head = new TableEntity(week, HeadRowKey)
        {
            ["Week"] = week,
            ["InstanceId"] = instanceId,
            ["Generation"] = generation,
            ["Chunks"] = string.Join(';', chunkCounts),
            ["StoredAt"] = storedAt.UtcDateTime,
            ["GeneratedAt"] = digest.GeneratedAt.UtcDateTime,
        };
        await Table.UpsertEntityAsync(head, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        await DeleteOtherGenerationsAsync(week, generation, cancellationToken).ConfigureAwait(false);

        return await GetAsync(week, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The digest of {week} was stored but cannot be read back.");
    }

    /// <summary>The digest of a week.</summary>
    /// <param name="week">ISO week id, e.g. <c>2026-W48</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The digest, or <see langword="null"/> when none is stored for the week.</returns>
    /// <exception cref="FormatException"><paramref name="week"/> is not an ISO week id.</exception>
    public async Task<StoredDigest?> GetAsync(string week, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);

        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row);
        }

        var head = rows.Find(r => r.RowKey == HeadRowKey);
        return head is null ? null : Assemble(head, rows);
    }

    /// <summary>The digest of the most recent week stored.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The digest, or <see langword="null"/> when none is stored.</returns>
    public async Task<StoredDigest?> GetLatestAsync(CancellationToken cancellationToken = default)
    {
        var weeks = await ListWeeksAsync(cancellationToken).ConfigureAwait(false);
        return weeks.Count == 0 ? null : await GetAsync(weeks[^1], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The weeks that have a stored digest, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>ISO week ids.</returns>
    public async Task<IReadOnlyList<string>> ListWeeksAsync(CancellationToken cancellationToken = default)
    {
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        var weeks = new List<string>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HeadRowKey}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            weeks.Add(row.PartitionKey);
        }

        // yyyy-Www sorts chronologically as text.
        weeks.Sort(StringComparer.Ordinal);
        return weeks;
    }

    /// <summary>Records one webhook delivery attempt of a week's digest.</summary>
    /// <param name="week">ISO week id.</param>
    /// <param name="attemptedAt">When the attempt was made.</param>
    /// <param name="error">Why it failed; <see langword="null"/> when the receiver acknowledged it.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The delivery state after the attempt.</returns>
    /// <exception cref="InvalidOperationException">No digest is stored for the week.</exception>
    public async Task<DigestDelivery> RecordDeliveryAttemptAsync(string week, DateTimeOffset attemptedAt, string? error, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        await _tables.EnsureExistsAsync(Table, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await Table.GetEntityIfExistsAsync<TableEntity>(id, HeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue || existing.Value is not { } head)
            {
                throw new InvalidOperationException($"No digest is stored for {id}.");
            }

            var before = ReadDelivery(head);
            var after = error is null
                ? before with { Delivered = true, Attempts = before.Attempts + 1, LastError = null, LastAttemptAt = attemptedAt, DeliveredAt = attemptedAt }
                : before with { Attempts = before.Attempts + 1, LastError = Truncate(error), LastAttemptAt = attemptedAt };
            var update = new TableEntity(id, HeadRowKey)
            {
                ["Delivered"] = after.Delivered,
                ["Attempts"] = after.Attempts,
                ["LastError"] = after.LastError ?? string.Empty,
                ["LastAttemptAt"] = attemptedAt.UtcDateTime,
            };
            if (after.DeliveredAt is { } deliveredAt)
            {
                update["DeliveredAt"] = deliveredAt.UtcDateTime;
            }

            try
            {
                await Table.UpdateEntityAsync(update, head.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return after;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Another attempt was recorded at the same moment; count on top of it.
            }
        }
    }

    private static StoredDigest Assemble(TableEntity head, List<TableEntity> rows)
    {
        var week = head.PartitionKey;
        var generation = head.GetString("Generation") ?? string.Empty;
        var counts = ParseChunkCounts(head.GetString("Chunks") ?? string.Empty);
        var texts = rows
            .Where(r => r.RowKey.StartsWith(ContentPrefix + generation + "-", StringComparison.Ordinal))
            .ToDictionary(r => r.RowKey, r => r.GetString(TextRows.TextColumn) ?? string.Empty, StringComparer.Ordinal);

        var documents = new Dictionary<DigestDocument, string>();
        foreach (var (document, count) in counts)
        {
            var parts = new string[count];
            for (var i = 0; i < count; i++)
            {
                parts[i] = texts.TryGetValue(ContentRowKey(generation, document, i), out var text)
                    ? text
                    : throw new InvalidOperationException($"The stored digest of {week} misses part {i} of its {document}.");
            }

            documents[document] = string.Concat(parts);
        }

        if (!documents.TryGetValue(DigestDocument.Json, out var json))
        {
            throw new InvalidOperationException($"The stored digest of {week} has no JSON.");
        }

        return new StoredDigest(
            week,
            head.GetString("InstanceId") ?? string.Empty,
            head.GetDateTimeOffset("StoredAt") ?? DateTimeOffset.MinValue,
            DigestJson.Deserialize(json),
            documents,
            ReadDelivery(head));
    }

    private static DigestDelivery ReadDelivery(TableEntity head)
    {
        var lastError = head.GetString("LastError");
        return new DigestDelivery(
            head.GetBoolean("Delivered") ?? false,
            head.GetInt32("Attempts") ?? 0,
            string.IsNullOrEmpty(lastError) ? null : lastError,
            head.GetDateTimeOffset("LastAttemptAt"),
            head.GetDateTimeOffset("DeliveredAt"));
    }

    private static List<(DigestDocument Document, int Count)> ParseChunkCounts(string text)
    {
        var result = new List<(DigestDocument, int)>();
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var pair = part.Split('=');
            if (pair.Length == 2 && Enum.TryParse<DigestDocument>(pair[0], out var document)
                && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                result.Add((document, count));
            }
        }

        return result;
    }

    private static string ContentRowKey(string generation, DigestDocument document, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{ContentPrefix}{generation}-{document}-{index:D4}");

    private static string Truncate(string error) => error.Length <= 2000 ? error : error[..2000];

    private async Task DeleteOtherGenerationsAsync(string week, string generation, CancellationToken cancellationToken)
    {
        // Earlier generations and the staged sections the digest was composed from.
        var stale = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {week}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != HeadRowKey && !row.RowKey.StartsWith(ContentPrefix + generation + "-", StringComparison.Ordinal))
            {
                stale.Add(row);
            }
        }

        foreach (var batch in stale.Chunk(TextRows.RowsPerTransaction))
        {
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }
}
