using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>A private Azurite with all services and <c>tools/func</c> running DurableFunctionsSample on a task hub of its own.</summary>
public sealed class DurableSampleFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ChildHost? _host;

    public string Hub { get; } = DurableApp.NewHub("patterns");

    public string ConnectionString => _azurite!.ConnectionString;

    public DurableApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);
        _host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("DurableFunctionsSample"), DurableApp.Settings(ConnectionString, Hub), AzuriteInstance.FreePort());
        App = new DurableApp(_host);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
