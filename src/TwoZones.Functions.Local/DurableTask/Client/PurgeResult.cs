namespace Microsoft.DurableTask.Client;

/// <summary>The outcome of a purge.</summary>
public class PurgeResult
{
    /// <summary>Creates a purge result.</summary>
    /// <param name="count">How many instances were purged.</param>
    public PurgeResult(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        PurgedInstanceCount = count;
    }

    /// <summary>Creates a purge result.</summary>
    /// <param name="count">How many instances were purged.</param>
    /// <param name="isComplete">Whether every matching instance was purged; null if unknown.</param>
    public PurgeResult(int count, bool? isComplete)
        : this(count)
    {
        IsComplete = isComplete;
    }

    /// <summary>How many instances were purged.</summary>
    public int PurgedInstanceCount { get; }

    /// <summary>Whether every matching instance was purged; null if unknown.</summary>
    public bool? IsComplete { get; }
}
