using System.Net;
using System.Text.Json;
using DurableTask.AzureStorage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalFunctionsHost.Durable;

/// <summary>
/// Durable Functions for the local host: runs the app's orchestrator and activity functions on the DurableTask.Core engine with
/// the Azure Storage provider, serves the worker's <c>[DurableClient]</c> over gRPC and the HTTP management API of the
/// check-status URLs. Create one per host, register the worker's Durable functions, then start it once the worker is ready.
/// </summary>
/// <remarks>
/// Somewhat over the usual length: it owns the lifetimes of the client's provider instance, the engine, the storage watch and the
/// gRPC endpoint, and the two repairs of instance rows (at start, and when the provider drops a message) must start and stop with it.
/// </remarks>
public sealed class DurableExtension : IAsyncDisposable
{
    /// <summary>The path under the host's base URL where Durable Functions serves its management API.</summary>
    public const string WebhookPath = "/runtime/webhooks/durabletask";

    private readonly DurableExtensionOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Dictionary<string, string> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _activities = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _unwatch = new();
    private AzureStorageOrchestrationService? _client;
    private DurableEngine? _engine;
    private Task? _storageWatch;
    private WebApplication? _grpcServer;
    private Uri? _httpBaseUri;
    private bool _stopped;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _repairing = new(StringComparer.Ordinal);
    private InstanceRepair? _instanceRepair;

    /// <summary>Creates the extension; nothing touches storage until <see cref="StartAsync"/>.</summary>
    /// <param name="options">The task hub and engine settings.</param>
    /// <param name="loggerFactory">Where the engine and the extension log; none when null.</param>
    public DurableExtension(DurableExtensionOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
    }

    /// <summary>The gRPC address the worker's Durable client connects to; set once started.</summary>
    public Uri? GrpcEndpoint { get; private set; }

    /// <summary>
    /// Whether a binding type belongs to this extension: <c>orchestrationTrigger</c>, <c>activityTrigger</c> and <c>durableClient</c>.
    /// Durable entities (<c>entityTrigger</c>) are not supported and answer false.
    /// </summary>
    /// <param name="bindingType">The <c>type</c> of a binding in the worker's function metadata.</param>
    /// <returns>True when the extension handles it.</returns>
    public static bool Handles(string bindingType) =>
        string.Equals(bindingType, "orchestrationTrigger", StringComparison.OrdinalIgnoreCase)
        || string.Equals(bindingType, "activityTrigger", StringComparison.OrdinalIgnoreCase)
        || string.Equals(bindingType, "durableClient", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Records a function with one of this extension's bindings. Orchestrators and activities are scheduled by their function
    /// name, so the name is all the engine needs; client bindings need no registration but are accepted.
    /// </summary>
    /// <param name="functionName">The function's name in the worker's metadata.</param>
    /// <param name="bindingType">The binding's type, one that <see cref="Handles"/> accepts.</param>
    /// <param name="bindingName">The binding's parameter name (unused: the trigger value goes to the trigger parameter).</param>
    /// <exception cref="NotSupportedException">The binding type is not one of this extension's.</exception>
    /// <exception cref="InvalidOperationException">The extension has already started.</exception>
    public void RegisterFunction(string functionName, string bindingType, string? bindingName)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentNullException.ThrowIfNull(bindingType);
        if (_engine is not null)
        {
            throw new InvalidOperationException("Functions must be registered before the Durable extension starts.");
        }

        if (string.Equals(bindingType, "orchestrationTrigger", StringComparison.OrdinalIgnoreCase))
        {
            _orchestrators[functionName] = functionName;
        }
        else if (string.Equals(bindingType, "activityTrigger", StringComparison.OrdinalIgnoreCase))
        {
            _activities[functionName] = functionName;
        }
        else if (!string.Equals(bindingType, "durableClient", StringComparison.OrdinalIgnoreCase))
        {
            throw new NotSupportedException($"The binding type '{bindingType}' of function '{functionName}' is not supported by the local Durable extension.");
        }
    }

    /// <summary>
    /// Creates the task hub if missing, starts the engine's dispatchers (they call the worker through <paramref name="invoker"/>)
    /// and the gRPC endpoint for Durable clients.
    /// </summary>
    /// <param name="invoker">Runs functions in the worker.</param>
    /// <param name="hostHttpBaseUri">The host's own base URL, e.g. <c>http://localhost:7071/</c>; check-status URLs point there.</param>
    /// <param name="cancellationToken">Abandons the start.</param>
    /// <returns>A task that completes when the extension is running.</returns>
    public async Task StartAsync(IWorkerFunctionInvoker invoker, Uri hostHttpBaseUri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        ArgumentNullException.ThrowIfNull(hostHttpBaseUri);
        ObjectDisposedException.ThrowIf(_stopped, this);
        if (_engine is not null)
        {
            throw new InvalidOperationException("The Durable extension has already started.");
        }

        _httpBaseUri = hostHttpBaseUri;
        _loggerFactory.AddProvider(new DiscardedMessageWatch(RepairAfterDiscard));
        // Clients (the worker's [DurableClient] and the management API) get a provider instance of their own that is never
        // started: the engine's instance may be replaced after a storage outage, and a client call must not notice.
        _client = CreateService();
        await _client.CreateIfNotExistsAsync();
        cancellationToken.ThrowIfCancellationRequested();
        // Before the dispatchers run, so whatever the app does at start sees instance rows that agree with their history.
        await RepairInstancesAsync(cancellationToken);

        var logger = _loggerFactory.CreateLogger("LocalFunctionsHost.Durable");
        var middleware = new WorkerDispatchMiddleware(invoker, _orchestrators, _activities, _stopping.Token, logger);
        _engine = new DurableEngine(CreateService, middleware, _loggerFactory);
        await _engine.StartAsync();
        var engine = _engine;
        _storageWatch = new StorageWatch(
            _options.ConnectionString,
            _options.HubName.ToLowerInvariant() + "-workitems",
            (away, token) => engine.RestartAsync($"storage answered again after about {away.TotalSeconds:0} s away", token),
            logger).RunAsync(_unwatch.Token);

        _grpcServer = await StartGrpcServerAsync(_client, cancellationToken);
        var address = _grpcServer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        GrpcEndpoint = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
    }

    /// <summary>
    /// The value of a <c>durableClient</c> input binding: the JSON the Durable worker extension reads to build its client.
    /// </summary>
    /// <returns>A JSON object as text.</returns>
    /// <exception cref="InvalidOperationException">The extension has not started.</exception>
    public string GetClientBindingValue()
    {
        if (GrpcEndpoint is null || _httpBaseUri is null)
        {
            throw new InvalidOperationException("The Durable extension has not started.");
        }

        return JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["taskHubName"] = _options.HubName,
            ["connectionName"] = _options.ConnectionName,
            ["rpcBaseUrl"] = GrpcEndpoint.ToString(),
            ["httpBaseUrl"] = HttpBaseUrl,
            ["requiredQueryStringParameters"] = RequiredQueryString,
            // Without these two the worker's client sets a zero message limit and every call fails with ResourceExhausted.
            ["maxGrpcMessageSizeInBytes"] = _options.MaxGrpcMessageSizeInBytes,
            // The worker's converter reads this field as JSON text of its own (a quoted TimeSpan), not as the TimeSpan itself.
            ["grpcHttpClientTimeout"] = JsonSerializer.Serialize(_options.GrpcHttpClientTimeout),
        });
    }

    /// <summary>
    /// Maps the Durable HTTP management API under <see cref="WebhookPath"/>: instance status and list, raise event,
    /// terminate, suspend, resume, restart and purge, answering as Durable Functions does.
    /// </summary>
    /// <param name="endpoints">The host's endpoint routes.</param>
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ManagementEndpoints.Map(endpoints, WebhookPath, () => _client ?? throw new InvalidOperationException("The Durable extension has not started."));
    }

    /// <summary>
    /// Stops gracefully: dispatchers finish their work items, then the provider releases its partition leases so the next host
    /// (or this one restarted) owns them at once. The gRPC endpoint closes last.
    /// </summary>
    /// <returns>A task that completes when stopped.</returns>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        // The watch first, so no restart races the stop.
        await _unwatch.CancelAsync();
        if (_storageWatch is not null)
        {
            await _storageWatch;
        }

        if (_engine is not null)
        {
            // Not forced: running invocations complete. Stopping the engine also stops its provider, which releases the leases.
            await _engine.StopAsync();
        }

        await _stopping.CancelAsync();
        if (_grpcServer is not null)
        {
            await _grpcServer.StopAsync();
            await _grpcServer.DisposeAsync();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }

        _stopping.Dispose();
        _unwatch.Dispose();
    }

    /// <summary>How many times the engine has been replaced since the extension started (after storage came back from an outage).</summary>
    internal int EngineRestarts => _engine?.Restarts ?? 0;

    private AzureStorageOrchestrationService CreateService() => new(_options.ToProviderSettings(_loggerFactory));

    /// <summary>The longest the start waits for the instance repair; a larger hub finishes it in the background.</summary>
    internal static TimeSpan RepairWait { get; set; } = TimeSpan.FromSeconds(20);

    private async Task RepairInstancesAsync(CancellationToken cancellationToken)
    {
        var logger = _loggerFactory.CreateLogger("LocalFunctionsHost.Durable");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var repair = RunRepairAsync(logger, started);
        var waited = await Task.WhenAny(repair, Task.Delay(RepairWait, cancellationToken));
        if (waited != repair)
        {
            cancellationToken.ThrowIfCancellationRequested();
            logger.LogInformation("Durable repair: still checking instances after {Seconds:0} s, continuing in the background", started.Elapsed.TotalSeconds);
        }
    }

    // Never throws: a repair that fails leaves the hub as the provider left it, which is no reason to refuse to start.
    private async Task RunRepairAsync(ILogger logger, System.Diagnostics.Stopwatch started)
    {
        try
        {
            var repaired = await new InstanceRepair(_options.ConnectionString, _options.HubName, logger).RunAsync(_stopping.Token);
            logger.LogInformation("Durable repair: {Count} instance(s) repaired whose history had completed (Azure/durabletask#1252), in {Milliseconds:0} ms",
                repaired, started.Elapsed.TotalMilliseconds);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            logger.LogInformation("Durable repair: stopped with the host");
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Durable repair: failed; instances left as they were");
        }
    }

    // One check at a time per instance: the provider drops a deaf instance's messages in bursts.
    private void RepairAfterDiscard(string instanceId)
    {
        if (_stopped || !_repairing.TryAdd(instanceId, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            var logger = _loggerFactory.CreateLogger("LocalFunctionsHost.Durable");
            try
            {
                _instanceRepair ??= new InstanceRepair(_options.ConnectionString, _options.HubName, logger);
                if (await _instanceRepair.RepairRunningAsync(instanceId, _stopping.Token))
                {
                    logger.LogWarning(
                        "Durable repair: instance {InstanceId} said Running over a history that had finished; its row now follows the history", instanceId);
                }
            }
            catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException)
            {
                logger.LogWarning("Durable repair: instance {InstanceId} not checked: {Error}", instanceId, e.Message.Split('\n')[0]);
            }
            finally
            {
                _repairing.TryRemove(instanceId, out _);
            }
        });
    }

    private string HttpBaseUrl => new Uri(_httpBaseUri!, WebhookPath).ToString().TrimEnd('/');

    // What the real host appends to every management URL (it adds the system key as code= in Azure; local runs need no key).
    private string RequiredQueryString =>
        $"taskHub={Uri.EscapeDataString(_options.HubName)}&connection={Uri.EscapeDataString(_options.ConnectionName)}";

    private async Task<WebApplication> StartGrpcServerAsync(AzureStorageOrchestrationService service, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        // gRPC without TLS needs HTTP/2 cleartext, which Kestrel serves only on an HTTP/2-only endpoint; loopback only.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = _options.MaxGrpcMessageSizeInBytes;
            grpc.MaxSendMessageSize = _options.MaxGrpcMessageSizeInBytes;
            grpc.EnableDetailedErrors = true;
        });
        builder.Services.AddSingleton(new TaskHubClientService(service, TimeSpan.FromMilliseconds(100), _options.StartReplacesActiveInstances));
        var app = builder.Build();
        app.MapGrpcService<TaskHubClientService>();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
