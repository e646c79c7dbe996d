using System.Net;
using System.Text.Json;
using TwoZones.Testing;

namespace LocalFunctionsHost.Tests;

public sealed class SettingsTests : IClassFixture<AzuriteWithBlobs>, IAsyncLifetime
{
    private readonly AzuriteWithBlobs _azurite;
    private readonly string _root;
    private readonly int _port = AzuriteInstance.FreePort();
    private ChildHost _host = null!;

    public SettingsTests(AzuriteWithBlobs azurite)
    {
        _azurite = azurite;
        _root = FuncHost.CopyOfSample("FunctionsSample");
    }

    public async Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_root, "host.json"), """
            { "version": "2.0", "functionTimeout": "00:00:08", // comments are allowed, as in the Functions host
              "extensions": { "http": { "routePrefix": "v1" } } }
            """);
        File.WriteAllText(Path.Combine(_root, "local.settings.json"), JsonSerializer.Serialize(new
        {
            IsEncrypted = false,
            Values = new Dictionary<string, string>
            {
                ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                ["SAMPLE_TICK_SCHEDULE"] = SampleSettings.Never,
                ["SAMPLE_FROM_FILE"] = "from-file",
                ["SAMPLE_OVERRIDDEN"] = "from-file",
                ["SAMPLE:NESTED"] = "from-file",
            },
            Host = new { LocalHttpPort = _port },
        }));

        // No --port: Host.LocalHttpPort decides. The environment wins over Values.
        // SAMPLE__NESTED is the same .NET configuration key as SAMPLE:NESTED, so it overrides that Value too.
        var environment = new Dictionary<string, string> { ["SAMPLE_OVERRIDDEN"] = "from-environment", ["SAMPLE__NESTED"] = "from-environment" };
        _host = await FuncStart.StartReadyAsync(_root, environment, port: null, expectedPort: _port);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Route_prefix_comes_from_host_json()
    {
        Assert.Equal("Hello, x", await _host.Http.GetStringAsync("v1/hello/x"));
        Assert.Equal(HttpStatusCode.NotFound, (await _host.Http.GetAsync("api/hello/x")).StatusCode);
        Assert.Contains($"  Hello: [GET,POST] http://127.0.0.1:{_port}/v1/hello/{{name?}}", _host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_settings_values_reach_the_worker_and_the_host_environment_wins()
    {
        Assert.Equal("from-file", await _host.Http.GetStringAsync("v1/env/SAMPLE_FROM_FILE"));
        Assert.Equal("from-environment", await _host.Http.GetStringAsync("v1/env/SAMPLE_OVERRIDDEN"));
        Assert.Equal("from-environment", await _host.Http.GetStringAsync("v1/env/SAMPLE__NESTED"));
        Assert.Equal("(unset)", await _host.Http.GetStringAsync("v1/env/SAMPLE:NESTED"));
        Assert.Equal("dotnet-isolated", await _host.Http.GetStringAsync("v1/env/FUNCTIONS_WORKER_RUNTIME"));
    }

    [Fact]
    public async Task Function_timeout_from_host_json_ends_a_slow_invocation_with_500()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // The timeout leaves room for a cold first invocation on a busy machine; the function would run for a minute.
        using var response = await _host.Http.GetAsync("v1/slow/60000");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(7.5), TimeSpan.FromSeconds(50));
        Assert.Contains("Timeout value of 00:00:08 exceeded by function 'Functions.Slow'", _host.Output, StringComparison.Ordinal);
    }
}
