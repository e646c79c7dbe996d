namespace Microsoft.DurableTask.Client;

/// <summary>Options for purging an instance.</summary>
/// <param name="Recursive">Whether sub-orchestrations are purged too.</param>
public record PurgeInstanceOptions(bool Recursive = false);
