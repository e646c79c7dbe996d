using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging.Abstractions;
using TwoZones.Functions.Local.Durable;

namespace TwoZones.Functions.Local.Tests.Durable;

/// <summary>The durable engine hosted in the test process against a private Azurite, with its own task hub.</summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private EngineHarness(DurableEngine engine, TableServiceClient tables)
    {
        Engine = engine;
        Tables = tables;
        Client = new LocalDurableTaskClient(engine, TimeProvider.System);
    }

    public DurableEngine Engine { get; }

    public TableServiceClient Tables { get; }

    public DurableTaskClient Client { get; }

    public DurableStore Store => Engine.Store;

    public static async Task<EngineHarness> StartAsync(string connectionString, Type functions, string? hubName = null, int maxActivities = 8, int maxOrchestrators = 4, TimeSpan? rescan = null)
    {
        var tables = new TableServiceClient(connectionString);
        var options = new DurableOptions
        {
            HubName = hubName ?? "Hub" + Guid.NewGuid().ToString("N")[..12],
            MaxConcurrentActivityFunctions = maxActivities,
            MaxConcurrentOrchestratorFunctions = maxOrchestrators,
            HttpBaseUrl = "http://localhost:7071/runtime/webhooks/durabletask",
            RescanInterval = rescan ?? TimeSpan.FromSeconds(30),
        };
        var invoker = new DirectInvoker();
        var engine = new DurableEngine(new DurableStore(tables, options.HubName), options, () => invoker, TimeProvider.System, NullLoggerFactory.Instance);
        engine.Register(DirectInvoker.Discover(functions));
        await engine.StartAsync(CancellationToken.None);
        return new EngineHarness(engine, tables);
    }

    public async Task<OrchestrationMetadata> RunAsync(string name, object? input = null, string? instanceId = null, int timeoutSeconds = 60)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new Microsoft.DurableTask.StartOrchestrationOptions(instanceId));
        return await CompletionAsync(id, timeoutSeconds);
    }

    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId, int timeoutSeconds = 60)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Polls until <paramref name="condition"/> holds for the instance (generous timeout; never asserts speed).</summary>
    public async Task<OrchestrationMetadata> WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, int timeoutSeconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Instance {instanceId} did not reach the expected state; last: {metadata}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await Engine.DisposeAsync();
}
