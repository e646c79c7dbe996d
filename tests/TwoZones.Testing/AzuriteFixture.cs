using Xunit;

namespace TwoZones.Testing;

/// <summary>
/// xunit class fixture: one private Azurite (tables only, persisted to a temp folder) per test class.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;

    /// <summary>The running emulator.</summary>
    public AzuriteInstance Azurite => _azurite ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>The connection string of <see cref="Azurite"/>.</summary>
    public string ConnectionString => Azurite.ConnectionString;

    /// <inheritdoc />
    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartNewAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }
    }
}
