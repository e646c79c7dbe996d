using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

/// <summary>One host running the classic-model sample (no ASP.NET Core integration) for all tests of its class.</summary>
public sealed class ClassicHttpHostFixture : IAsyncLifetime
{
    /// <summary>The running host.</summary>
    public ChildHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        // No timers and no Durable functions, so no storage: the host must start without AzureWebJobsStorage.
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["AzureFunctionsJobHost__id"] = "lfh-classic-" + Guid.NewGuid().ToString("N")[..8] };
        Host = await FuncStart.StartReadyAsync(FuncHost.SampleRoot("ClassicHttpSample"), environment, AzuriteInstance.FreePort());
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}
