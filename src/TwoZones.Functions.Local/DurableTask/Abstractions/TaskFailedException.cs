namespace Microsoft.DurableTask;

/// <summary>Thrown into an orchestrator when an activity or sub-orchestration it awaited failed.</summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception from the task's exception.</summary>
    /// <param name="taskName">The failed task's name.</param>
    /// <param name="taskId">The failed task's sequence number in the orchestration.</param>
    /// <param name="innerException">The exception the task threw.</param>
    public TaskFailedException(string taskName, int taskId, Exception innerException)
        : base(Describe(taskName, taskId, innerException?.Message), innerException)
    {
        ArgumentNullException.ThrowIfNull(innerException);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = TaskFailureDetails.FromException(innerException);
    }

    /// <summary>Creates the exception from the task's failure details.</summary>
    /// <param name="taskName">The failed task's name.</param>
    /// <param name="taskId">The failed task's sequence number in the orchestration.</param>
    /// <param name="failureDetails">Why the task failed.</param>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base(Describe(taskName, taskId, failureDetails?.ErrorMessage))
    {
        ArgumentNullException.ThrowIfNull(failureDetails);
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The failed task's name.</summary>
    public string TaskName { get; }

    /// <summary>The failed task's sequence number in the orchestration.</summary>
    public int TaskId { get; }

    /// <summary>Why the task failed.</summary>
    public TaskFailureDetails FailureDetails { get; }

    private static string Describe(string taskName, int taskId, string? cause) => cause is null
        ? $"Task '{taskName}' (#{taskId}) failed with an unhandled exception."
        : $"Task '{taskName}' (#{taskId}) failed with an unhandled exception: {cause}";
}
