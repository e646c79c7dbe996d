using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// Repairs Instances rows the Azure Storage provider left behind a finished orchestration (Azure/durabletask#1252): the provider
/// commits an episode to the History table first and to the Instances table second, so a process killed between the two leaves
/// history saying the execution completed while the Instances row still says Running or Pending. The engine then discards every
/// later message for the instance ("Instance is Completed") and the row never changes again. This pass brings such rows in line
/// with their history, writing what the provider's second step would have written.
/// </summary>
/// <remarks>
/// Table layout as the provider 2.11 writes it: Instances rows have PartitionKey = the escaped instance id and an empty RowKey;
/// History rows share that PartitionKey, RowKey = the event's sequence number as 16 hex digits, plus one row with RowKey
/// <c>sentinel</c> whose ExecutionId is the execution the last checkpoint wrote. History events keep their own timestamp in
/// <c>_Timestamp</c> (Timestamp is reserved by Table storage). A payload too large for a table property is stored compressed in
/// the <c>&lt;hub&gt;-largemessages</c> container: the history row then has an empty property plus <c>&lt;name&gt;BlobName</c>, and the
/// Instances row holds the blob's URL instead of the text.
/// </remarks>
internal sealed class InstanceRepair
{
    private const string SentinelRowKey = "sentinel";

    // Columns the repair reads; selecting them keeps the scan of a large Instances table and the history reads small.
    private static readonly string[] InstanceColumns = ["PartitionKey", "RowKey", "ExecutionId", "LastUpdatedTime", "RuntimeStatus"];
    private static readonly string[] SentinelColumns = ["ExecutionId", "CheckpointCompletedTimestamp"];
    private static readonly string[] HistoryColumns =
        ["RowKey", "ExecutionId", "EventType", "OrchestrationStatus", "Result", "ResultBlobName", "_Timestamp"];

    // Checkpoint time and the row's LastUpdatedTime (the last event's time) differ by the episode's write latency in a healthy
    // hub; a second of slack keeps healthy instances from costing a history read.
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private readonly TableClient _instances;
    private readonly TableClient _history;
    private readonly Uri _largeMessages;
    private readonly ILogger _logger;

    public InstanceRepair(string connectionString, string hubName, ILogger logger)
    {
        var tables = new TableServiceClient(connectionString);
        _instances = tables.GetTableClient(hubName + "Instances");
        _history = tables.GetTableClient(hubName + "History");
        // Only the container's URL is needed, to write a large output's reference as the provider does; nothing is read from it.
        _largeMessages = new BlobContainerClient(connectionString, hubName.ToLowerInvariant() + "-largemessages").Uri;
        _logger = logger;
    }

    /// <summary>Checks every Running or Pending instance and repairs those whose history has completed; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var repaired = 0;
        // One query over the Instances table: Azurite scans the whole table per query, so there is none per instance.
        var rows = _instances.QueryAsync<TableEntity>(
            "RuntimeStatus eq 'Running' or RuntimeStatus eq 'Pending'", select: InstanceColumns, cancellationToken: cancellationToken);
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                try
                {
                    if (await RepairAsync(row, ct))
                    {
                        Interlocked.Increment(ref repaired);
                    }
                }
                catch (RequestFailedException e)
                {
                    // One unreadable or concurrently changed instance must not stop the others from being repaired.
                    _logger.LogWarning("Durable repair: instance {InstanceId} not checked: {Error}", row.PartitionKey, e.Message);
                }
            });
        return repaired;
    }

    /// <summary>
    /// Checks one instance whose message the provider just dropped as finished; repairs its row when it says Running over a
    /// completed history. Pending rows are left alone: a start that is queued but not yet processed looks the same.
    /// </summary>
    public async Task<bool> RepairRunningAsync(string instanceId, CancellationToken cancellationToken)
    {
        var row = await _instances.GetEntityIfExistsAsync<TableEntity>(
            KeySanitation(instanceId), string.Empty, InstanceColumns, cancellationToken);
        if (!row.HasValue || row.Value is not { } entity || entity.GetString("RuntimeStatus") != "Running")
        {
            return false;
        }

        return await RepairAsync(entity, cancellationToken);
    }

    private async Task<bool> RepairAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var sentinelResponse = await _history.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, SentinelRowKey, SentinelColumns, cancellationToken);
        if (!sentinelResponse.HasValue || sentinelResponse.Value is not { } sentinel)
        {
            return false;
        }

        var executionId = sentinel.GetString("ExecutionId");
        if (string.IsNullOrEmpty(executionId))
        {
            return false;
        }

        var checkpointed = sentinel.GetDateTimeOffset("CheckpointCompletedTimestamp") ?? sentinel.Timestamp;
        var lastUpdated = row.GetDateTimeOffset("LastUpdatedTime");
        var newer = executionId != row.GetString("ExecutionId")
                    || (checkpointed is { } c && (lastUpdated is not { } u || c - u > Slack));
        if (!newer)
        {
            return false;
        }

        // Only the sentinel's execution: after a ContinueAsNew into a shorter generation, rows past its end are the previous one's.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {row.PartitionKey} and ExecutionId eq {executionId}");
        var events = new List<TableEntity>();
        await foreach (var entity in _history.QueryAsync<TableEntity>(filter, select: HistoryColumns, cancellationToken: cancellationToken))
        {
            if (entity.RowKey != SentinelRowKey)
            {
                events.Add(entity);
            }
        }

        events.Sort((a, b) => string.CompareOrdinal(a.RowKey, b.RowKey));
        // A finished episode ends ExecutionCompleted, OrchestratorCompleted; the latter carries the episode's time.
        var completed = events.LastOrDefault(e => e.GetString("EventType") != "OrchestratorCompleted");
        if (completed is null || completed.GetString("EventType") != "ExecutionCompleted")
        {
            return false;
        }

        var status = completed.GetString("OrchestrationStatus");
        // ContinuedAsNew is not an end: the next generation's start message is queued and the engine writes the row itself.
        if (string.IsNullOrEmpty(status) || status == "ContinuedAsNew")
        {
            return false;
        }

        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["RuntimeStatus"] = status,
            ["ExecutionId"] = executionId,
            ["LastUpdatedTime"] = (events[^1].GetDateTimeOffset("_Timestamp") ?? checkpointed ?? DateTimeOffset.UtcNow).UtcDateTime,
            ["CompletedTime"] = (checkpointed ?? DateTimeOffset.UtcNow).UtcDateTime,
        };
        var output = completed.GetString("ResultBlobName") is { Length: > 0 } blobName ? BlobUrl(blobName) : completed.GetString("Result");
        if (output is not null)
        {
            update["Output"] = output;
        }

        // Merge keeps CustomStatus, Input and the rest as they were; the ETag makes a row someone else changed meanwhile win.
        await _instances.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
        _logger.LogDebug("Durable repair: instance {InstanceId} execution {ExecutionId} marked {Status} from its history",
            row.PartitionKey, executionId, status);
        return true;
    }

    // The provider's partition key for an instance id: characters Table storage refuses in keys become '^' and a code ('^' itself
    // doubled; control characters shifted up by U+00C0).
    private static string KeySanitation(string instanceId)
    {
        var key = new System.Text.StringBuilder(instanceId.Length);
        foreach (var c in instanceId)
        {
            _ = c switch
            {
                '^' => key.Append("^^"),
                '/' => key.Append("^0"),
                '\\' => key.Append("^1"),
                '#' => key.Append("^2"),
                '?' => key.Append("^3"),
                _ when c <= '\u001F' || c is >= '\u007F' and <= '\u009F' => key.Append('^').Append((char)('\u00C0' + c)),
                _ => key.Append(c),
            };
        }

        return key.ToString();
    }

    // The provider's form of a large-message reference: the container URL and the blob name escaped segment by segment.
    private string BlobUrl(string blobName) =>
        _largeMessages.ToString().TrimEnd('/') + "/" + string.Join("/", blobName.Split('/').Select(Uri.EscapeDataString));
}
