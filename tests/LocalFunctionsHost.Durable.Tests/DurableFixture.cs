using System.Collections.Concurrent;
using TwoZones.Testing;

namespace LocalFunctionsHost.Durable.Tests;

/// <summary>One private Azurite (blobs, queues, tables) and one running extension for a test class.</summary>
public sealed class DurableFixture : IAsyncLifetime
{
    public const string Hub = "DurableTests";

    public AzuriteInstance Azurite { get; private set; } = null!;

    public DurableHost Host { get; private set; } = null!;

    public TestWorker Worker { get; private set; } = null!;

    public ConcurrentDictionary<string, int> FlakyAttempts { get; } = new();

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);
        Worker = Workflows.Create(FlakyAttempts);
        Host = await DurableHost.StartAsync(Options(), Worker);
    }

    public DurableExtensionOptions Options(string hub = Hub) => new()
    {
        ConnectionString = Azurite.ConnectionString,
        HubName = hub,
        WorkerId = DurableExtensionOptions.StableWorkerId(AppContext.BaseDirectory, 7071),
        MaxConcurrentActivityFunctions = 16,
        MaxConcurrentOrchestratorFunctions = 16,
    };

    public async Task DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}
