namespace Microsoft.DurableTask.Client;

/// <summary>Which instances a bulk purge removes.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created at or before this time.</param>
/// <param name="Statuses">Only instances in one of these (terminal) states.</param>
public record PurgeInstancesFilter(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null)
{
    /// <summary>How long the purge may run; unlimited when null.</summary>
    public TimeSpan? Timeout { get; init; }
}
