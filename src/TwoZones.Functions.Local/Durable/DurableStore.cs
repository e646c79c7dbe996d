using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// The task hub in one table: one partition per instance (PK = instance id) holding the instance row, history chunks,
/// inbox and outbox rows, so that an episode commits in one entity-group transaction guarded by the instance row's ETag.
/// Every row key ends with <c>|</c> and the instance id (or is unique by itself): the storage emulator finds a row by its
/// row key first, so a key shared by every partition (<c>!instance</c>, say) would make each point read scan all instances.
/// </summary>
internal sealed class DurableStore
{
    public const string HistoryPrefix = "history-";
    public const string OutboxPrefix = "outbox-";
    private const int HistoryChunkChars = 400_000;

    private readonly TableClient _table;
    private int _created;

    public DurableStore(TableServiceClient service, string hubName)
    {
        HubName = hubName;
        _table = service.GetTableClient(TableName(hubName));
    }

    public string HubName { get; }

    // "Hub" rather than the first layout's "Instances": rows of that layout (keys without the instance id) are not read.
    public static string TableName(string hubName) => hubName + "Hub";

    /// <summary>What ends the row keys of <paramref name="instanceId"/>'s partition.</summary>
    public static string KeySuffix(string instanceId) => "|" + instanceId;

    public static string HistoryKey(string instanceId, int generation, int episode, int part) => $"{HistoryPrefix}{generation:D8}-{episode:D8}-{part:D3}{KeySuffix(instanceId)}";

    public static string OutboxKey(string instanceId, int generation, int episode) => $"{OutboxPrefix}{generation:D8}-{episode:D8}{KeySuffix(instanceId)}";

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _created) == 0)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            Volatile.Write(ref _created, 1);
        }
    }

    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRecord.RowKeyOf(instanceId), cancellationToken: cancellationToken);
        return response.HasValue ? InstanceRecord.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Loads an instance for an episode. When its history is inline the instance row and the hinted rows are read by key;
    /// otherwise (history in rows, or an instance written before inline histories) the whole partition is queried.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="hints">Keys of inbox and outbox rows this process knows of; rows written elsewhere are found by the rescan.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<InstanceState> LoadAsync(string instanceId, IReadOnlyCollection<string> hints, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var instance = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, InstanceRecord.RowKeyOf(instanceId), cancellationToken: cancellationToken);
        if (!instance.HasValue || InstanceRecord.FromEntity(instance.Value!) is not { InlineHistory: { } history } record)
        {
            return await QueryPartitionAsync(instanceId, cancellationToken);
        }

        var state = new InstanceState { Record = record, HistoryInline = true };
        state.History.AddRange(DurableJson.Deserialize<List<HistoryEvent>>(history) ?? []);
        await ReadMessageRowsAsync(state, instanceId, hints, cancellationToken);
        return state;
    }

    /// <summary>Reads inbox and outbox rows by key into <paramref name="state"/>; rows that no longer exist are skipped.</summary>
    public async Task ReadMessageRowsAsync(InstanceState state, string instanceId, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll(keys.Select(key => _table.GetEntityIfExistsAsync<TableEntity>(instanceId, key, cancellationToken: cancellationToken)));
        foreach (var row in rows.Where(r => r.HasValue))
        {
            AddMessageRow(state, row.Value!);
        }

        state.Inbox.Sort(InboxOrder);
        state.Outbox.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
    }

    /// <summary>Everything in an instance's partition, read with one query (for inspection; episodes use the other overload).</summary>
    public async Task<InstanceState> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        return await QueryPartitionAsync(instanceId, cancellationToken);
    }

    private async Task<InstanceState> QueryPartitionAsync(string instanceId, CancellationToken cancellationToken)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        var instanceRow = rows.FirstOrDefault(r => InstanceRecord.IsRowKey(r.RowKey));
        var record = instanceRow is null ? null : InstanceRecord.FromEntity(instanceRow);
        var state = new InstanceState { Record = record, HistoryInline = record?.InlineHistory is not null };
        if (record?.InlineHistory is { } inline)
        {
            state.History.AddRange(DurableJson.Deserialize<List<HistoryEvent>>(inline) ?? []);
        }

        // With the history inline, every history row is left over from an earlier generation.
        var currentHistory = state.HistoryInline ? null : $"{HistoryPrefix}{record?.Generation ?? 0:D8}-";
        foreach (var row in rows.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (row.RowKey.StartsWith(HistoryPrefix, StringComparison.Ordinal))
            {
                if (currentHistory is not null && row.RowKey.StartsWith(currentHistory, StringComparison.Ordinal))
                {
                    state.History.AddRange(DurableJson.Deserialize<List<HistoryEvent>>(LargeText.Read(row, "Events")) ?? []);
                    state.HistoryRows++;
                }
                else
                {
                    state.Stale.Add((row.RowKey, row.ETag));
                }
            }
            else
            {
                AddMessageRow(state, row);
            }
        }

        state.Inbox.Sort(InboxOrder);
        return state;
    }

    /// <summary>The order in which an episode consumes messages: by arrival.</summary>
    public static int InboxOrder(InboxMessage a, InboxMessage b) =>
        a.Arrived != b.Arrived ? a.Arrived.CompareTo(b.Arrived) : string.CompareOrdinal(a.RowKey, b.RowKey);

    private static void AddMessageRow(InstanceState state, TableEntity row)
    {
        if (row.RowKey.StartsWith(InboxMessage.Prefix, StringComparison.Ordinal))
        {
            var message = DurableJson.Deserialize<HistoryEvent>(LargeText.Read(row, "Event"));
            if (message is not null)
            {
                state.Inbox.Add(new InboxMessage(row.RowKey, message, row.GetInt64("Arrived") ?? 0));
            }
        }
        else if (row.RowKey.StartsWith(OutboxPrefix, StringComparison.Ordinal))
        {
            state.Outbox.Add((row.RowKey, DurableJson.Deserialize<List<OutboxMessage>>(LargeText.Read(row, "Messages")) ?? []));
        }
    }

    /// <summary>Creates the instance row, or replaces the row of a finished instance (restart) if its ETag still matches.</summary>
    /// <returns>False when another writer got there first.</returns>
    public async Task<bool> SaveNewInstanceAsync(InstanceRecord record, bool replace, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        try
        {
            if (replace)
            {
                await _table.UpdateEntityAsync(record.ToEntity(), record.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.AddEntityAsync(record.ToEntity(), cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    public async Task PutInboxAsync(string instanceId, InboxMessage message, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await _table.UpsertEntityAsync(InboxEntity(instanceId, message), TableUpdateMode.Replace, cancellationToken);
    }

    public static TableEntity InboxEntity(string instanceId, InboxMessage message)
    {
        var entity = new TableEntity(instanceId, message.RowKey) { ["Arrived"] = message.Arrived };
        LargeText.Write(entity, "Event", DurableJson.Serialize(message.Event));
        return entity;
    }

    /// <summary>The rows holding <paramref name="events"/> as history chunks of one episode.</summary>
    public static IEnumerable<TableEntity> HistoryEntities(string instanceId, int generation, int episode, IReadOnlyList<HistoryEvent> events)
    {
        var part = 0;
        var group = new List<HistoryEvent>();
        var length = 0;
        foreach (var e in events)
        {
            var size = DurableJson.Serialize(e)!.Length + 1;
            if (group.Count > 0 && length + size > HistoryChunkChars)
            {
                yield return Chunk(group, part++);
                group = [];
                length = 0;
            }

            group.Add(e);
            length += size;
        }

        if (group.Count > 0)
        {
            yield return Chunk(group, part);
        }

        TableEntity Chunk(List<HistoryEvent> chunk, int index)
        {
            var entity = new TableEntity(instanceId, HistoryKey(instanceId, generation, episode, index));
            LargeText.Write(entity, "Events", DurableJson.Serialize(chunk));
            return entity;
        }
    }

    public static TableEntity OutboxEntity(string instanceId, string rowKey, IReadOnlyList<OutboxMessage> messages)
    {
        var entity = new TableEntity(instanceId, rowKey);
        LargeText.Write(entity, "Messages", DurableJson.Serialize(messages));
        return entity;
    }

    /// <summary>Commits one entity-group transaction.</summary>
    /// <returns>False when the instance row's ETag no longer matched or a row already existed (another episode won).</returns>
    public async Task<bool> CommitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken) =>
        actions.Count == 0 || await CommitEpisodeAsync(actions, cancellationToken) is not null;

    /// <summary>Commits one entity-group transaction whose first action writes the instance row.</summary>
    /// <returns>
    /// The instance row's new ETag (<c>default</c> if the response did not carry it); <see langword="null"/> when another writer
    /// got there first (ETag mismatch, row exists or is gone).
    /// </returns>
    public async Task<ETag?> CommitEpisodeAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions is [{ ActionType: TableTransactionActionType.UpdateReplace } only])
        {
            // The usual episode of a waiting instance writes its row alone: a plain conditional update costs storage less than a batch.
            try
            {
                var response = await _table.UpdateEntityAsync(only.Entity, only.ETag, TableUpdateMode.Replace, cancellationToken);
                return response.Headers.ETag ?? default;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 or 404)
            {
                return null;
            }
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken);
            return response.Value.Count > 0 && response.Value[0].Headers.ETag is { } etag ? etag : default(ETag);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412 or 404)
        {
            return null;
        }
    }

    public async Task DeleteRowAsync(string instanceId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(instanceId, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: deleting is idempotent here.
        }
    }

    /// <summary>Deletes every row of a partition, the instance row last so that an interrupted purge can be repeated.</summary>
    public async Task<bool> PurgeAsync(InstanceRecord record, CancellationToken cancellationToken)
    {
        var keys = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {record.InstanceId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (!InstanceRecord.IsRowKey(row.RowKey))
            {
                keys.Add(row.RowKey);
            }
        }

        foreach (var batch in keys.Chunk(100))
        {
            await CommitAsync([.. batch.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(record.InstanceId, k), ETag.All))], cancellationToken);
        }

        try
        {
            await _table.DeleteEntityAsync(record.InstanceId, InstanceRecord.RowKeyOf(record.InstanceId), record.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Instances that may have work: any partition with inbox or outbox rows (with those rows' keys) and, if asked, every unfinished
    /// instance (with no keys unless it has such rows).
    /// </summary>
    public async Task<Dictionary<string, List<string>>> FindInstancesWithWorkAsync(bool includeUnfinished, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var work = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var filters = new List<string>
        {
            TableClient.CreateQueryFilter($"RowKey ge {InboxMessage.Prefix} and RowKey lt {"inbox."}"),
            TableClient.CreateQueryFilter($"RowKey ge {OutboxPrefix} and RowKey lt {"outbox."}"),
        };
        if (includeUnfinished)
        {
            filters.Add(InstanceRowsFilter() + " and " + TableClient.CreateQueryFilter($"(Status eq {"Pending"} or Status eq {"Running"} or Status eq {"Suspended"})"));
        }

        foreach (var filter in filters)
        {
            await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                if (!work.TryGetValue(row.PartitionKey, out var keys))
                {
                    work[row.PartitionKey] = keys = [];
                }

                if (!InstanceRecord.IsRowKey(row.RowKey))
                {
                    keys.Add(row.RowKey);
                }
            }
        }

        return work;
    }

    /// <summary>One page of instance rows matching <paramref name="filter"/>.</summary>
    public async Task<(List<InstanceRecord> Records, string? ContinuationToken)> QueryInstancesAsync(string filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuationToken, pageSize))
        {
            return ([.. page.Values.Select(InstanceRecord.FromEntity)], page.ContinuationToken);
        }

        return ([], null);
    }

    public static string InstanceFilter(DateTimeOffset? createdFrom, DateTimeOffset? createdTo, IEnumerable<string>? statuses, string? prefix)
    {
        var parts = new List<string> { InstanceRowsFilter() };
        if (createdFrom is { } from)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }

        if (createdTo is { } to)
        {
            parts.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
        }

        if (statuses?.ToList() is { Count: > 0 } list)
        {
            parts.Add("(" + string.Join(" or ", list.Select(s => TableClient.CreateQueryFilter($"Status eq {s}"))) + ")");
        }

        if (!string.IsNullOrEmpty(prefix))
        {
            var upper = prefix[..^1] + (char)(prefix[^1] + 1);
            parts.Add(TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {upper}"));
        }

        return string.Join(" and ", parts);
    }

    // Instance row keys are "!instance|<id>": '}' follows '|', so this range holds exactly those rows.
    private static string InstanceRowsFilter() =>
        TableClient.CreateQueryFilter($"RowKey ge {InstanceRecord.RowKeyPrefix + "|"} and RowKey lt {InstanceRecord.RowKeyPrefix + "}"}");

    public static string Ticks(DateTimeOffset time) => time.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
