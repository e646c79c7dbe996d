using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>One private Azurite with Blob (timers keep status and locks there) per test class.</summary>
public sealed class AzuriteWithBlobs : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    public string ConnectionString => _azurite!.ConnectionString;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync(inMemory: true, allServices: true);

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
