namespace Microsoft.DurableTask;

/// <summary>A failed attempt, as seen by a retry handler.</summary>
/// <param name="OrchestrationContext">The orchestration that scheduled the task.</param>
/// <param name="LastAttemptNumber">The number of the attempt that failed, from 1.</param>
/// <param name="LastFailure">Why it failed.</param>
/// <param name="TotalRetryTime">The orchestration time spent since the first attempt.</param>
/// <param name="CancellationToken">Cancelled when retrying should stop.</param>
public record RetryContext(
    TaskOrchestrationContext OrchestrationContext,
    int LastAttemptNumber,
    TaskFailureDetails LastFailure,
    TimeSpan TotalRetryTime,
    CancellationToken CancellationToken);
