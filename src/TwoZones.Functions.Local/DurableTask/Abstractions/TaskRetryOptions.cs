namespace Microsoft.DurableTask;

/// <summary>How a failed task is retried: a declarative policy or a handler.</summary>
public sealed class TaskRetryOptions
{
    /// <summary>Retries by <paramref name="policy"/>.</summary>
    /// <param name="policy">The retry policy.</param>
    public TaskRetryOptions(RetryPolicy policy)
    {
        Policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>Retries while <paramref name="handler"/> says so.</summary>
    /// <param name="handler">Decides after each failure whether to try again.</param>
    public TaskRetryOptions(AsyncRetryHandler handler)
    {
        Handler = handler ?? throw new ArgumentNullException(nameof(handler));
    }

    /// <summary>The retry policy, if retries follow a policy.</summary>
    public RetryPolicy? Policy { get; }

    /// <summary>The retry handler, if retries follow a handler.</summary>
    public AsyncRetryHandler? Handler { get; }

    /// <summary>Retries by <paramref name="policy"/>.</summary>
    public static implicit operator TaskRetryOptions(RetryPolicy policy) => FromRetryPolicy(policy);

    /// <summary>Retries while <paramref name="handler"/> says so.</summary>
    public static implicit operator TaskRetryOptions(AsyncRetryHandler handler) => FromRetryHandler(handler);

    /// <summary>Retries while <paramref name="handler"/> says so.</summary>
    public static implicit operator TaskRetryOptions(RetryHandler handler) => FromRetryHandler(handler);

    /// <summary>Retries by <paramref name="policy"/>.</summary>
    /// <param name="policy">The retry policy.</param>
    public static TaskRetryOptions FromRetryPolicy(RetryPolicy policy) => new(policy);

    /// <summary>Retries while <paramref name="handler"/> says so.</summary>
    /// <param name="handler">Decides after each failure whether to try again.</param>
    public static TaskRetryOptions FromRetryHandler(AsyncRetryHandler handler) => new(handler);

    /// <summary>Retries while <paramref name="handler"/> says so.</summary>
    /// <param name="handler">Decides after each failure whether to try again.</param>
    public static TaskRetryOptions FromRetryHandler(RetryHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new(context => Task.FromResult(handler(context)));
    }
}
