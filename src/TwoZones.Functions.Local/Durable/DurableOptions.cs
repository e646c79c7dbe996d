namespace TwoZones.Functions.Local.Durable;

/// <summary>Settings of the durable engine, from <c>host.json</c> (<c>extensions.durableTask</c>) through <see cref="Hosting.LocalHostOptions"/>.</summary>
internal sealed class DurableOptions
{
    public string HubName { get; init; } = "TestHubName";

    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>How often storage is scanned for work written by another process (this process wakes itself).</summary>
    public TimeSpan RescanInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most inbox messages one episode consumes; keeps a commit within the 100-operation batch limit.</summary>
    public int MaxMessagesPerEpisode { get; init; } = 80;

    /// <summary>Base URL of the management endpoints, for example <c>http://localhost:7071/runtime/webhooks/durabletask</c>.</summary>
    public string? HttpBaseUrl { get; init; }
}
