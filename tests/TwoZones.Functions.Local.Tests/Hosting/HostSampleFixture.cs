using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>One Azurite and one running HostSample, shared by the HTTP tests of a class.</summary>
public sealed class HostSampleFixture : IAsyncLifetime
{
    private AzuriteInstance? _azurite;
    private ChildHost? _host;

    public ChildHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public HttpClient Http => Host.Http;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteInstance.StartNewAsync(inMemory: true);
        _host = await HostSampleApp.StartAsync(_azurite.ConnectionString, "http-tests");
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
