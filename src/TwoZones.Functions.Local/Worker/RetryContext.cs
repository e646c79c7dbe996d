namespace Microsoft.Azure.Functions.Worker;

/// <summary>Retry information of an invocation.</summary>
public abstract class RetryContext
{
    /// <summary>How many times the invocation has been retried.</summary>
    public abstract int RetryCount { get; }

    /// <summary>The most retries the policy allows.</summary>
    public abstract int MaxRetryCount { get; }
}
