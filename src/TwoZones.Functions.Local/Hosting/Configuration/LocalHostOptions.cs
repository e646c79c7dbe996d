namespace TwoZones.Functions.Local.Hosting;

/// <summary>
/// The host settings of the local runtime, from <c>host.json</c>, <c>local.settings.json</c> and configuration.
/// Resolve it from DI (as <see cref="LocalHostOptions"/> or <c>IOptions&lt;LocalHostOptions&gt;</c>).
/// </summary>
internal sealed class LocalHostOptions
{
    /// <summary>The HTTP route prefix (<c>extensions.http.routePrefix</c>); "api" by default, "" for none.</summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>After this long an invocation's cancellation token is cancelled (<c>functionTimeout</c>); null for none.</summary>
    public TimeSpan? FunctionTimeout { get; set; }

    /// <summary>The Durable task hub name (<c>extensions.durableTask.hubName</c>).</summary>
    public string DurableHubName { get; set; } = "TestHubName";

    /// <summary>The most activity functions run at once in this host (<c>extensions.durableTask.maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>The most orchestrator functions run at once in this host (<c>extensions.durableTask.maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;

    /// <summary>The loopback port Kestrel listens on: <c>PORT</c>, else <c>Host.LocalHttpPort</c>, else 7071.</summary>
    public int HttpPort { get; set; } = 7071;

    /// <summary>Identifies this app in shared storage (timer schedule status and leases); <c>AzureFunctionsWebHost:hostid</c> or the app name.</summary>
    public string HostId { get; set; } = "functions";

    /// <summary>When set, the functions are discovered in these types instead of the entry assembly (tests).</summary>
    public IReadOnlyList<Type>? FunctionTypes { get; set; }

    /// <summary>How long start-up waits for storage before failing.</summary>
    public TimeSpan StorageProbeTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
