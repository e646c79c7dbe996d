namespace Microsoft.DurableTask;

/// <summary>Retries a failed activity or sub-orchestration with exponential back-off between attempts.</summary>
public class RetryPolicy
{
    /// <summary>Creates a retry policy.</summary>
    /// <param name="maxNumberOfAttempts">The most attempts, the first included; at least 1.</param>
    /// <param name="firstRetryInterval">The delay before the first retry; positive.</param>
    /// <param name="backoffCoefficient">The factor applied to the delay after each retry; at least 1.</param>
    /// <param name="maxRetryInterval">The longest delay between attempts; one hour when null.</param>
    /// <param name="retryTimeout">The longest total time spent retrying; unlimited when null.</param>
    public RetryPolicy(
        int maxNumberOfAttempts,
        TimeSpan firstRetryInterval,
        double backoffCoefficient = 1.0,
        TimeSpan? maxRetryInterval = null,
        TimeSpan? retryTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxNumberOfAttempts);
        if (firstRetryInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(firstRetryInterval), firstRetryInterval, "The first retry interval must be positive.");
        }

        if (backoffCoefficient < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(backoffCoefficient), backoffCoefficient, "The back-off coefficient must be at least 1.");
        }

        if (maxRetryInterval < firstRetryInterval && maxRetryInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRetryInterval), maxRetryInterval, "The maximum retry interval must not be below the first retry interval.");
        }

        if (retryTimeout < firstRetryInterval && retryTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(retryTimeout), retryTimeout, "The retry timeout must not be below the first retry interval.");
        }

        MaxNumberOfAttempts = maxNumberOfAttempts;
        FirstRetryInterval = firstRetryInterval;
        BackoffCoefficient = backoffCoefficient;
        MaxRetryInterval = maxRetryInterval ?? TimeSpan.FromHours(1);
        RetryTimeout = retryTimeout ?? Timeout.InfiniteTimeSpan;
    }

    /// <summary>The most attempts, the first included.</summary>
    public int MaxNumberOfAttempts { get; }

    /// <summary>The delay before the first retry.</summary>
    public TimeSpan FirstRetryInterval { get; }

    /// <summary>The factor applied to the delay after each retry.</summary>
    public double BackoffCoefficient { get; }

    /// <summary>The longest delay between attempts.</summary>
    public TimeSpan MaxRetryInterval { get; }

    /// <summary>The longest total time spent retrying; <see cref="Timeout.InfiniteTimeSpan"/> for unlimited.</summary>
    public TimeSpan RetryTimeout { get; }

    /// <summary>Decides from a failure whether it may be retried; every failure when not set.</summary>
    public Func<TaskFailureDetails, bool> HandleFailure
    {
        init => FailureFilter = value;
    }

    internal Func<TaskFailureDetails, bool>? FailureFilter { get; private init; }
}
