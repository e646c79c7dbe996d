using Microsoft.Extensions.Configuration;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Tests.Configuration;

public sealed class HostJsonReaderTests
{
    private static readonly IConfiguration Settings = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["HubSetting"] = "TwoZonesHub" })
        .Build();

    [Fact]
    public void Reads_route_prefix_timeout_and_durable_settings()
    {
        var options = new LocalHostOptions();
        HostJsonReader.ApplyHostJson(options, """
            {
              // comments and trailing commas are allowed, as the Functions host allows them
              "version": "2.0",
              "functionTimeout": "00:00:30",
              "extensions": {
                "http": { "routePrefix": "/v1/" },
                "durableTask": { "hubName": "%HubSetting%", "maxConcurrentActivityFunctions": 3, "maxConcurrentOrchestratorFunctions": 2 },
              },
            }
            """, Settings);

        Assert.Equal("v1", options.RoutePrefix);
        Assert.Equal(TimeSpan.FromSeconds(30), options.FunctionTimeout);
        Assert.Equal("TwoZonesHub", options.DurableHubName);
        Assert.Equal(3, options.MaxConcurrentActivityFunctions);
        Assert.Equal(2, options.MaxConcurrentOrchestratorFunctions);
    }

    [Fact]
    public void Empty_route_prefix_and_unlimited_timeout_are_allowed_and_defaults_stand()
    {
        var options = new LocalHostOptions();
        HostJsonReader.ApplyHostJson(options, """{ "functionTimeout": "-1", "extensions": { "http": { "routePrefix": "" } } }""", Settings);

        Assert.Equal(string.Empty, options.RoutePrefix);
        Assert.Null(options.FunctionTimeout);
        Assert.Equal("TestHubName", options.DurableHubName);
        Assert.Equal(10 * Environment.ProcessorCount, options.MaxConcurrentActivityFunctions);
        Assert.Equal(7071, options.HttpPort);
    }
}
