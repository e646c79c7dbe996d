using Microsoft.DurableTask;

namespace TwoZones.Functions.Local.Durable;

/// <summary>One entry of an instance's event-sourced history; also the payload of an inbox message.</summary>
internal sealed record HistoryEvent
{
    public required HistoryEventKind Kind { get; init; }

    /// <summary>The sequence number of the action this event belongs to; -1 for events without one.</summary>
    public int TaskId { get; init; } = -1;

    /// <summary>Activity, orchestration or event name.</summary>
    public string? Name { get; init; }

    /// <summary>Input, result or event payload as JSON.</summary>
    public string? Data { get; init; }

    public TaskFailureDetails? Failure { get; init; }

    public DateTime Timestamp { get; init; }

    /// <summary>When a timer fires.</summary>
    public DateTime? FireAt { get; init; }

    /// <summary>The other instance: the child of a sub-orchestration, the target of a sent event.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Identifies a delivered message so that a re-delivery is recognised and dropped.</summary>
    public string? MessageId { get; init; }

    public bool IsAction => Kind is HistoryEventKind.TaskScheduled or HistoryEventKind.TimerCreated
        or HistoryEventKind.SubOrchestrationCreated or HistoryEventKind.EventSent;

    public bool IsTaskOutcome => Kind is HistoryEventKind.TaskCompleted or HistoryEventKind.TaskFailed
        or HistoryEventKind.TimerFired or HistoryEventKind.SubOrchestrationCompleted or HistoryEventKind.SubOrchestrationFailed;

    public bool IsControl => Kind is HistoryEventKind.ExecutionTerminated or HistoryEventKind.ExecutionSuspended or HistoryEventKind.ExecutionResumed;
}
