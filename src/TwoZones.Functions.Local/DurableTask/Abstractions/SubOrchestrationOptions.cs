namespace Microsoft.DurableTask;

/// <summary>Options for scheduling a sub-orchestration, including its instance id.</summary>
public record SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates sub-orchestration options.</summary>
    /// <param name="retry">How failed attempts are retried; null for no retries.</param>
    /// <param name="instanceId">The sub-orchestration's instance id; a deterministic new id when null.</param>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Creates sub-orchestration options from task options.</summary>
    /// <param name="options">The task options to copy.</param>
    /// <param name="instanceId">The sub-orchestration's instance id; taken from <paramref name="options"/> when null.</param>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options)
    {
        InstanceId = instanceId ?? (options as SubOrchestrationOptions)?.InstanceId;
    }

    /// <summary>Copies <paramref name="options"/>.</summary>
    /// <param name="options">The options to copy.</param>
    public SubOrchestrationOptions(SubOrchestrationOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InstanceId = options.InstanceId;
    }

    /// <summary>The sub-orchestration's instance id; a deterministic new id when null.</summary>
    public string? InstanceId { get; init; }
}
