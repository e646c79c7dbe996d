namespace Microsoft.DurableTask;

/// <summary>Options for scheduling an activity or sub-orchestration: retries and tags.</summary>
public record TaskOptions
{
    /// <summary>Creates options with a retry setting.</summary>
    /// <param name="retry">How failed attempts are retried; null for no retries.</param>
    public TaskOptions(TaskRetryOptions? retry)
        : this(retry, null)
    {
    }

    /// <summary>Creates options with a retry setting and tags.</summary>
    /// <param name="retry">How failed attempts are retried; null for no retries.</param>
    /// <param name="tags">Tags attached to the scheduled task.</param>
    public TaskOptions(TaskRetryOptions? retry = null, IDictionary<string, string>? tags = null)
    {
        Retry = retry;
        Tags = tags;
    }

    /// <summary>Copies <paramref name="options"/>.</summary>
    /// <param name="options">The options to copy.</param>
    public TaskOptions(TaskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Retry = options.Retry;
        Tags = options.Tags;
    }

    /// <summary>How failed attempts are retried; null for no retries.</summary>
    public TaskRetryOptions? Retry { get; init; }

    /// <summary>Tags attached to the scheduled task.</summary>
    public IDictionary<string, string>? Tags { get; init; }

    /// <summary>Options that retry by <paramref name="policy"/>.</summary>
    /// <param name="policy">The retry policy.</param>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(new TaskRetryOptions(policy));

    /// <summary>Options that retry while <paramref name="handler"/> says so.</summary>
    /// <param name="handler">Decides after each failure whether to try again.</param>
    public static TaskOptions FromRetryHandler(AsyncRetryHandler handler) => new(new TaskRetryOptions(handler));

    /// <summary>Options that retry while <paramref name="handler"/> says so.</summary>
    /// <param name="handler">Decides after each failure whether to try again.</param>
    public static TaskOptions FromRetryHandler(RetryHandler handler) => new(TaskRetryOptions.FromRetryHandler(handler));

    /// <summary>These options for a sub-orchestration with the given instance id.</summary>
    /// <param name="instanceId">The sub-orchestration's instance id.</param>
    public SubOrchestrationOptions WithInstanceId(string instanceId) => new(this, instanceId);
}
