using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.Extensions.Logging;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// Settings of the Durable extension: the task hub in Azure Storage and how hard the engine polls and works.
/// Defaults follow Durable Functions except the polling interval, which is shortened for local runs.
/// </summary>
public sealed record DurableExtensionOptions
{
    /// <summary>The Azure Storage connection string of the task hub (the app's <c>AzureWebJobsStorage</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The app setting name the connection string came from; the worker's client binding reports it.</summary>
    public string ConnectionName { get; init; } = "AzureWebJobsStorage";

    /// <summary>The task hub name; Durable Functions uses <c>TestHubName</c> when none is configured outside Azure.</summary>
    public string HubName { get; init; } = "TestHubName";

    /// <summary>How many activity invocations may run at once (Durable's default: 10 per processor).</summary>
    public int MaxConcurrentActivityFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>How many orchestrator episodes may run at once (Durable's default: 10 per processor).</summary>
    public int MaxConcurrentOrchestratorFunctions { get; init; } = 10 * Environment.ProcessorCount;

    /// <summary>
    /// Control queues of the hub. Durable's default of 4 is kept: the count is fixed when the hub is created, so a hub
    /// made locally stays compatible with one the deployed app would create.
    /// </summary>
    public int PartitionCount { get; init; } = 4;

    /// <summary>
    /// The longest back-off between polls of an idle queue. Durable defaults to 30 s, which makes a timer or a message on an
    /// idle hub wait up to 30 s; polling local Azurite once a second costs little and keeps local runs prompt.
    /// </summary>
    public TimeSpan MaxQueuePollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a dequeued control-queue message (an orchestration's events) stays invisible to other workers before it is
    /// delivered again. Durable's 5 minutes is also how long a host killed mid-episode leaves those messages stranded; locally
    /// a restart should carry on within seconds, and the engine renews the lock of a longer episode.
    /// </summary>
    public TimeSpan ControlQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The same for a dequeued activity message: after a crash its activity runs again once this has passed. The engine renews
    /// it every few seconds while the activity runs, so a long activity is not run twice (Durable's default: 5 minutes).
    /// </summary>
    public TimeSpan WorkItemQueueVisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many control-queue messages the engine holds in memory, over all partitions, before it stops fetching more
    /// (Durable's default outside the Consumption and Elastic Premium plans: 256; the provider's own default is 64).
    /// </summary>
    public int ControlQueueBufferThreshold { get; init; } = 256;

    /// <summary>
    /// Whether partitions are leased through rows of the <c>&lt;hub&gt;Partitions</c> table (Durable Functions 3.x's default) or
    /// through blobs in the <c>&lt;hub&gt;-leases</c> container (host.json <c>useTablePartitionManagement</c> = <c>false</c>, as in 2.x).
    /// All hosts of one task hub must agree, or each believes it owns every partition. The table reads all leases in one query
    /// every 10 s, where the blobs cost several requests per partition; on an idle hub that is most of the storage traffic.
    /// </summary>
    public bool UseTablePartitionManagement { get; init; } = true;

    /// <summary>
    /// Owner name of the partition leases. Keep it stable across restarts of the same app (see <see cref="StableWorkerId"/>):
    /// a restarted host then takes its leases back at once instead of waiting for them to expire.
    /// </summary>
    public string WorkerId { get; init; } = Environment.MachineName;

    /// <summary>
    /// Whether a start may replace an instance that is still running, pending or suspended (host.json
    /// <c>overridableExistingInstanceStates</c> = <c>AnyState</c>). Off by default, as in Durable Functions: such a start is refused
    /// and the client sees that the instance already exists.
    /// </summary>
    public bool StartReplacesActiveInstances { get; init; }

    /// <summary>The largest gRPC message the client endpoint accepts and sends, also reported to the worker's client (Durable's default: 4 MiB).</summary>
    public int MaxGrpcMessageSizeInBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The HTTP timeout the worker's gRPC client applies to its calls (Durable's default: 100 s).</summary>
    public TimeSpan GrpcHttpClientTimeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// A worker id that is the same every time the same app is hosted on this machine at the same port, and differs between apps.
    /// </summary>
    /// <param name="scriptRoot">The app's directory.</param>
    /// <param name="port">The host's HTTP port.</param>
    /// <returns>The machine name followed by a short hash of the app directory and port.</returns>
    public static string StableWorkerId(string scriptRoot, int port)
    {
        ArgumentNullException.ThrowIfNull(scriptRoot);
        var key = Path.GetFullPath(scriptRoot).TrimEnd(Path.DirectorySeparatorChar) + "|" + port.ToString(CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Environment.MachineName + "-" + Convert.ToHexStringLower(hash.AsSpan(0, 6));
    }

    /// <summary>
    /// Reads <c>extensions.durableTask</c> of a host.json: <c>hubName</c>, <c>maxConcurrentActivityFunctions</c>,
    /// <c>maxConcurrentOrchestratorFunctions</c>, <c>overridableExistingInstanceStates</c> and, under <c>storageProvider</c>, <c>connectionName</c> (or
    /// <c>connectionStringName</c>), <c>partitionCount</c>, <c>maxQueuePollingInterval</c>, <c>controlQueueVisibilityTimeout</c>,
    /// <c>workItemQueueVisibilityTimeout</c>, <c>controlQueueBufferThreshold</c> and <c>useTablePartitionManagement</c>.
    /// <c>%name%</c> in the hub name is resolved from the app settings, as Durable does.
    /// </summary>
    /// <param name="hostJson">The text of host.json, or null when there is none.</param>
    /// <param name="appSetting">Looks up an app setting (environment or local.settings.json values) by name.</param>
    /// <param name="workerId">The worker id to use, normally <see cref="StableWorkerId"/>.</param>
    /// <returns>The options.</returns>
    /// <exception cref="InvalidOperationException">The connection setting is missing.</exception>
    public static DurableExtensionOptions FromHostJson(string? hostJson, Func<string, string?> appSetting, string workerId)
    {
        ArgumentNullException.ThrowIfNull(appSetting);
        JsonElement section = default;
        using var document = string.IsNullOrWhiteSpace(hostJson)
            ? null
            : JsonDocument.Parse(hostJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (document is not null
            && TryGet(document.RootElement, "extensions", out var extensions)
            && TryGet(extensions, "durableTask", out var durable))
        {
            section = durable;
        }

        JsonElement provider = default;
        var hasSection = section.ValueKind == JsonValueKind.Object;
        var hasProvider = hasSection && TryGet(section, "storageProvider", out provider);

        var connectionName = (hasProvider ? String(provider, "connectionName") ?? String(provider, "connectionStringName") : null)
                             ?? "AzureWebJobsStorage";
        var connectionString = appSetting(connectionName);
        if (string.IsNullOrEmpty(connectionString))
        {
            throw new InvalidOperationException($"Durable Functions needs the app setting '{connectionName}' (a storage connection string).");
        }

        var defaults = new DurableExtensionOptions { ConnectionString = connectionString };
        var hubName = (hasSection ? String(section, "hubName") : null) ?? defaults.HubName;
        if (hubName.Length > 2 && hubName[0] == '%' && hubName[^1] == '%')
        {
            hubName = appSetting(hubName[1..^1]) ?? defaults.HubName;
        }

        return defaults with
        {
            ConnectionName = connectionName,
            HubName = hubName,
            WorkerId = workerId,
            MaxConcurrentActivityFunctions = (hasSection ? Int(section, "maxConcurrentActivityFunctions") : null) ?? defaults.MaxConcurrentActivityFunctions,
            MaxConcurrentOrchestratorFunctions = (hasSection ? Int(section, "maxConcurrentOrchestratorFunctions") : null) ?? defaults.MaxConcurrentOrchestratorFunctions,
            StartReplacesActiveInstances = hasSection
                && string.Equals(String(section, "overridableExistingInstanceStates"), "AnyState", StringComparison.OrdinalIgnoreCase),
            PartitionCount = (hasProvider ? Int(provider, "partitionCount") : null) ?? defaults.PartitionCount,
            MaxQueuePollingInterval = (hasProvider ? Time(provider, "maxQueuePollingInterval") : null) ?? defaults.MaxQueuePollingInterval,
            ControlQueueVisibilityTimeout = (hasProvider ? Time(provider, "controlQueueVisibilityTimeout") : null) ?? defaults.ControlQueueVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = (hasProvider ? Time(provider, "workItemQueueVisibilityTimeout") : null) ?? defaults.WorkItemQueueVisibilityTimeout,
            ControlQueueBufferThreshold = (hasProvider ? Int(provider, "controlQueueBufferThreshold") : null) ?? defaults.ControlQueueBufferThreshold,
            UseTablePartitionManagement = (hasProvider ? Bool(provider, "useTablePartitionManagement") : null) ?? defaults.UseTablePartitionManagement,
        };
    }

    /// <summary>The Azure Storage provider's settings for these options.</summary>
    internal AzureStorageOrchestrationServiceSettings ToProviderSettings(ILoggerFactory loggerFactory) => new()
    {
        StorageAccountClientProvider = new StorageAccountClientProvider(ConnectionString),
        TaskHubName = HubName,
        PartitionCount = PartitionCount,
        MaxQueuePollingInterval = MaxQueuePollingInterval,
        ControlQueueVisibilityTimeout = ControlQueueVisibilityTimeout,
        WorkItemQueueVisibilityTimeout = WorkItemQueueVisibilityTimeout,
        ControlQueueBufferThreshold = ControlQueueBufferThreshold,
        WorkerId = WorkerId,
        UseTablePartitionManagement = UseTablePartitionManagement,
        MaxConcurrentTaskOrchestrationWorkItems = MaxConcurrentOrchestratorFunctions,
        MaxConcurrentTaskActivityWorkItems = MaxConcurrentActivityFunctions,
        // Durable Functions rejects a start whose dedupe states cannot be honoured instead of ignoring them.
        ThrowExceptionOnInvalidDedupeStatus = true,
        LoggerFactory = loggerFactory,
    };

    // host.json keys are case-insensitive for the Functions host, so these lookups are too.
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    private static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? Time(JsonElement element, string name) =>
        String(element, name) is { } text ? TimeSpan.Parse(text, CultureInfo.InvariantCulture) : null;

    private static bool? Bool(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    private static int? Int(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
