namespace Microsoft.DurableTask.Client;

/// <summary>Options for terminating an instance.</summary>
/// <param name="Output">The output recorded for the terminated instance.</param>
/// <param name="Recursive">Whether sub-orchestrations are terminated too.</param>
public record TerminateInstanceOptions(object? Output = null, bool Recursive = false);
