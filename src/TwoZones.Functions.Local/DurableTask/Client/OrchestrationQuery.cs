namespace Microsoft.DurableTask.Client;

/// <summary>A filter for listing orchestration instances.</summary>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created at or before this time.</param>
/// <param name="Statuses">Only instances in one of these states.</param>
/// <param name="TaskHubNames">Only instances of these task hubs (the local runtime serves one hub).</param>
/// <param name="InstanceIdPrefix">Only instances whose id starts with this prefix.</param>
/// <param name="PageSize">The most instances per page.</param>
/// <param name="FetchInputsAndOutputs">Whether inputs, outputs and custom status are included.</param>
/// <param name="ContinuationToken">Where to continue a previous listing.</param>
public record OrchestrationQuery(
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    IEnumerable<OrchestrationRuntimeStatus>? Statuses = null,
    IEnumerable<string>? TaskHubNames = null,
    string? InstanceIdPrefix = null,
    int PageSize = OrchestrationQuery.DefaultPageSize,
    bool FetchInputsAndOutputs = false,
    string? ContinuationToken = null)
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultPageSize = 100;
}
