namespace TwoZones.Functions.Local.Durable;

/// <summary>What a history event records. Actions (scheduled by the orchestrator) carry the sequence number they were given.</summary>
internal enum HistoryEventKind
{
    ExecutionStarted,
    OrchestratorStarted,
    TaskScheduled,
    TaskCompleted,
    TaskFailed,
    TimerCreated,
    TimerFired,
    SubOrchestrationCreated,
    SubOrchestrationCompleted,
    SubOrchestrationFailed,
    EventSent,
    EventRaised,
    ExecutionTerminated,
    ExecutionSuspended,
    ExecutionResumed,
}
