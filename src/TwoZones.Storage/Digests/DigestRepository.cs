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
    /// <summary>The table name used when none is given.</summary>
    public const string DefaultTableName = "Digests";

    /// <summary>The most characters kept in one content row (UTF-16, so at most 60 000 bytes).</summary>
    public const int ChunkLength = 30_000;

    private const string HeadRowKey = "digest";
    private const string ContentPrefix = "c-";
    private const string SectionPrefix = "s-";
    private const int RowsPerTransaction = 50;

    private readonly TableClient _table;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates a repository on a table of <paramref name="service"/>.</summary>
    /// <param name="service">The storage account's table service.</param>
    /// <param name="tableName">The table; created on first use.</param>
    public DigestRepository(TableServiceClient service, string tableName = DefaultTableName)
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tableName);
    }

    /// <summary>Stores (or replaces) the digest of its week with its JSON and its Markdown and HTML renderings in both languages.
    /// The delivery state of an earlier version of the same week is kept.</summary>
    /// <param name="digest">The digest.</param>
    /// <param name="instanceId">The orchestration instance that built it.</param>
    /// <param name="storedAt">Now.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored digest.</returns>
    public async Task<StoredDigest> SaveAsync(Digest digest, string instanceId, DateTimeOffset storedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        var week = IsoWeekId.Parse(digest.Week).ToString();
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var documents = new Dictionary<DigestDocument, string>
        {
            [DigestDocument.Json] = DigestJson.Serialize(digest),
            [DigestDocument.MarkdownEn] = DigestRenderer.ToMarkdown(digest, DigestLanguage.En),
            [DigestDocument.MarkdownZh] = DigestRenderer.ToMarkdown(digest, DigestLanguage.Zh),
            [DigestDocument.HtmlEn] = DigestRenderer.ToHtml(digest, DigestLanguage.En),
            [DigestDocument.HtmlZh] = DigestRenderer.ToHtml(digest, DigestLanguage.Zh),
        };

        var generation = Guid.NewGuid().ToString("N");
        var rows = new List<TableEntity>();
        var chunkCounts = new List<string>();
        foreach (var (document, text) in documents)
        {
            var chunks = Chunk(text);
            chunkCounts.Add(string.Create(CultureInfo.InvariantCulture, $"{document}={chunks.Count}"));
            for (var i = 0; i < chunks.Count; i++)
            {
                rows.Add(new TableEntity(week, ContentRowKey(generation, document, i)) { ["Text"] = chunks[i] });
            }
        }

        foreach (var batch in Batches(rows))
        {
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }

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
        await _table.UpsertEntityAsync(head, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
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
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
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
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var weeks = new List<string>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HeadRowKey}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
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
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(id, HeadRowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
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
                await _table.UpdateEntityAsync(update, head.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return after;
            }
            catch (RequestFailedException ex) when (ex.Status == 412 && attempt < 5)
            {
                // Another attempt was recorded at the same moment; count on top of it.
            }
        }
    }

    /// <summary>
    /// Stages one part of a digest being built (e.g. one programme's figures), so that the parts of a fan-out reach the step that
    /// composes them through storage rather than through orchestration history. Staged parts are removed when the digest is saved.
    /// </summary>
    /// <param name="week">ISO week id.</param>
    /// <param name="runId">Identifies one build of the week's digest (letters and digits).</param>
    /// <param name="key">Identifies the part within the build (letters, digits and hyphens), e.g. a programme id.</param>
    /// <param name="text">The part, any length.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the part is stored.</returns>
    public async Task StageSectionAsync(string week, string runId, string key, string text, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        RequireKeySafe(runId, allowHyphen: false);
        RequireKeySafe(key, allowHyphen: true);
        ArgumentNullException.ThrowIfNull(text);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var chunks = Chunk(text);
        var rows = chunks.Select((chunk, i) => new TableEntity(id, SectionRowKey(runId, key, i)) { ["Text"] = chunk }).ToList();
        rows[0]["Parts"] = chunks.Count;
        foreach (var batch in Batches(rows).AsEnumerable().Reverse())
        {
            // The first row (with the part count) goes last, so a reader never trusts a count whose parts are not written.
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The parts staged for one build of a week's digest.</summary>
    /// <param name="week">ISO week id.</param>
    /// <param name="runId">The build.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Each part's text by its key, in key order.</returns>
    public async Task<IReadOnlyDictionary<string, string>> ReadSectionsAsync(string week, string runId, CancellationToken cancellationToken = default)
    {
        var id = IsoWeekId.Parse(week).ToString();
        RequireKeySafe(runId, allowHyphen: false);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        var prefix = SectionPrefix + runId + "-";
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {prefix} and RowKey lt {SectionPrefix + runId + "."}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey] = row;
        }

        var sections = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var first in rows.Values.Where(r => r.GetInt32("Parts") is not null))
        {
            var key = first.RowKey[prefix.Length..^5];
            var parts = first.GetInt32("Parts")!.Value;
            var text = new System.Text.StringBuilder();
            for (var i = 0; i < parts; i++)
            {
                text.Append(rows.TryGetValue(SectionRowKey(runId, key, i), out var row)
                    ? row.GetString("Text")
                    : throw new InvalidOperationException($"Staged part {key} of {id} misses chunk {i}."));
            }

            sections[key] = text.ToString();
        }

        return sections;
    }

    private static StoredDigest Assemble(TableEntity head, List<TableEntity> rows)
    {
        var week = head.PartitionKey;
        var generation = head.GetString("Generation") ?? string.Empty;
        var counts = ParseChunkCounts(head.GetString("Chunks") ?? string.Empty);
        var texts = rows
            .Where(r => r.RowKey.StartsWith(ContentPrefix + generation + "-", StringComparison.Ordinal))
            .ToDictionary(r => r.RowKey, r => r.GetString("Text") ?? string.Empty, StringComparer.Ordinal);

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

    private static List<string> Chunk(string text)
    {
        var chunks = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(ChunkLength, text.Length - start);

            // Never split a surrogate pair across rows.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            chunks.Add(text.Substring(start, length));
            start += length;
        }

        if (chunks.Count == 0)
        {
            chunks.Add(string.Empty);
        }

        return chunks;
    }

    private static string ContentRowKey(string generation, DigestDocument document, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{ContentPrefix}{generation}-{document}-{index:D4}");

    /// <summary>
    /// Groups rows into transactions the service accepts: at most <see cref="RowsPerTransaction"/> rows and well under the 4 MiB
    /// payload limit, counting each character at its worst JSON size (a <c>\uXXXX</c> escape).
    /// </summary>
    private static List<List<TableEntity>> Batches(List<TableEntity> rows)
    {
        const long MaxPayloadBytes = 3_000_000;
        var batches = new List<List<TableEntity>>();
        var current = new List<TableEntity>();
        long bytes = 0;
        foreach (var row in rows)
        {
            var size = 1024L + (6L * (row.GetString("Text")?.Length ?? 0));
            if (current.Count > 0 && (current.Count == RowsPerTransaction || bytes + size > MaxPayloadBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }

            current.Add(row);
            bytes += size;
        }

        if (current.Count > 0)
        {
            batches.Add(current);
        }

        return batches;
    }

    private static string SectionRowKey(string runId, string key, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{SectionPrefix}{runId}-{key}-{index:D4}");

    private static void RequireKeySafe(string value, bool allowHyphen)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        if (value.Length > 100 || value.Any(c => !char.IsAsciiLetterOrDigit(c) && !(allowHyphen && c == '-')))
        {
            throw new ArgumentException($"'{value}' cannot be used in a row key.", nameof(value));
        }
    }

    private static string Truncate(string error) => error.Length <= 2000 ? error : error[..2000];

    private async Task DeleteOtherGenerationsAsync(string week, string generation, CancellationToken cancellationToken)
    {
        // Earlier generations and the staged sections the digest was composed from.
        var stale = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {week}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.RowKey != HeadRowKey && !row.RowKey.StartsWith(ContentPrefix + generation + "-", StringComparison.Ordinal))
            {
                stale.Add(row);
            }
        }

        foreach (var batch in stale.Chunk(RowsPerTransaction))
        {
            var actions = batch.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_created)
            {
                await _table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }
}
