using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace TwoZones.Functions.Local.Durable;

/// <summary>The instance row of an orchestration partition: its status and everything status queries show.</summary>
internal sealed class InstanceRecord
{
    /// <summary>The first characters of every instance row's key.</summary>
    public const string RowKeyPrefix = "!instance";

    /// <summary>The key of the instance row of <paramref name="instanceId"/>.</summary>
    public static string RowKeyOf(string instanceId) => RowKeyPrefix + DurableStore.KeySuffix(instanceId);

    /// <summary>Whether <paramref name="rowKey"/> is an instance row's key.</summary>
    public static bool IsRowKey(string rowKey) => rowKey.StartsWith(RowKeyPrefix + "|", StringComparison.Ordinal);

    public required string InstanceId { get; init; }

    public required string Name { get; set; }

    public OrchestrationRuntimeStatus Status { get; set; }

    public string? Input { get; set; }

    public string? Output { get; set; }

    public string? CustomStatus { get; set; }

    public TaskFailureDetails? Failure { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastUpdatedAt { get; set; }

    /// <summary>Incremented by ContinueAsNew and by a restart of a finished id; history, results and timers are keyed by it.</summary>
    public int Generation { get; set; }

    /// <summary>The number of committed episodes; orders history chunks.</summary>
    public int Episodes { get; set; }

    public DateTimeOffset? StartAt { get; set; }

    public string? ParentInstanceId { get; set; }

    public string? ParentName { get; set; }

    public int ParentGeneration { get; set; }

    public int ParentTaskId { get; set; }

    /// <summary>
    /// The current generation's history as JSON when it is kept in this row (small histories, the common case), so an episode loads
    /// its instance with point reads instead of a partition query, which the storage emulator answers by scanning the whole table.
    /// <see langword="null"/> when the history is in history rows.
    /// </summary>
    public string? InlineHistory { get; set; }

    public ETag ETag { get; set; }

    /// <summary>The characters this row's large values take, to decide whether the history still fits beside them.</summary>
    public int TextLength => (Input?.Length ?? 0) + (Output?.Length ?? 0) + (CustomStatus?.Length ?? 0) + (Failure is null ? 0 : DurableJson.Serialize(Failure)!.Length);

    public bool IsTerminal => Status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated;

    public static InstanceRecord FromEntity(TableEntity entity)
    {
        var failure = LargeText.Read(entity, "Failure");
        return new InstanceRecord
        {
            InstanceId = entity.PartitionKey,
            Name = entity.GetString("Name") ?? string.Empty,
            Status = Enum.TryParse<OrchestrationRuntimeStatus>(entity.GetString("Status"), out var status) ? status : OrchestrationRuntimeStatus.Pending,
            Input = LargeText.Read(entity, "Input"),
            Output = LargeText.Read(entity, "Output"),
            CustomStatus = LargeText.Read(entity, "CustomStatus"),
            Failure = failure is null ? null : DurableJson.Deserialize<TaskFailureDetails>(failure),
            CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? default,
            LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? default,
            Generation = entity.GetInt32("Generation") ?? 1,
            Episodes = entity.GetInt32("Episodes") ?? 0,
            StartAt = entity.GetDateTimeOffset("StartAt"),
            ParentInstanceId = entity.GetString("ParentInstanceId"),
            ParentName = entity.GetString("ParentName"),
            ParentGeneration = entity.GetInt32("ParentGeneration") ?? 0,
            ParentTaskId = entity.GetInt32("ParentTaskId") ?? 0,
            InlineHistory = LargeText.Read(entity, "History"),
            ETag = entity.ETag,
        };
    }

    public TableEntity ToEntity()
    {
        var entity = new TableEntity(InstanceId, RowKeyOf(InstanceId))
        {
            ["Name"] = Name,
            ["Status"] = Status.ToString(),
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
            ["Generation"] = Generation,
            ["Episodes"] = Episodes,
            ["StartAt"] = StartAt,
            ["ParentInstanceId"] = ParentInstanceId,
            ["ParentName"] = ParentName,
            ["ParentGeneration"] = ParentGeneration,
            ["ParentTaskId"] = ParentTaskId,
            ETag = ETag,
        };
        LargeText.Write(entity, "Input", Input);
        LargeText.Write(entity, "Output", Output);
        LargeText.Write(entity, "CustomStatus", CustomStatus);
        LargeText.Write(entity, "Failure", Failure is null ? null : DurableJson.Serialize(Failure));
        LargeText.Write(entity, "History", InlineHistory);
        return entity;
    }

    public OrchestrationMetadata ToMetadata(bool withData) => new(Name, InstanceId)
    {
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = withData ? Input : null,
        SerializedOutput = withData ? Output : null,
        SerializedCustomStatus = withData ? CustomStatus : null,
        FailureDetails = Failure,
        SerializerOptions = withData ? DurableJson.Options : null,
    };
}
