namespace TwoZones.Functions.Local.Durable;

/// <summary>
/// Work an episode produced for other partitions (start a sub-orchestration, deliver an event or a child's outcome),
/// committed with the episode and carried out after it; carrying it out twice is harmless.
/// </summary>
internal sealed record OutboxMessage
{
    public required string TargetInstanceId { get; init; }

    /// <summary>For a delivery: the inbox row key in the target partition.</summary>
    public string? InboxRowKey { get; init; }

    /// <summary>For a delivery: the event; for a start: null.</summary>
    public HistoryEvent? Event { get; init; }

    /// <summary>For a start: the orchestration name.</summary>
    public string? StartName { get; init; }

    public string? StartInput { get; init; }

    public string? ParentInstanceId { get; init; }

    public string? ParentName { get; init; }

    public int ParentGeneration { get; init; }

    public int ParentTaskId { get; init; }
}
