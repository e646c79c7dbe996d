using Microsoft.Extensions.Logging.Abstractions;

namespace LocalFunctionsHost.Durable.Tests;

public sealed class OptionsTests
{
    [Fact]
    public void Host_json_durableTask_section_is_read()
    {
        const string hostJson = """
            { "version": "2.0", "extensions": { "durableTask": {
                "hubName": "%HUB%", "maxConcurrentActivityFunctions": 8, "maxConcurrentOrchestratorFunctions": 6,
                "storageProvider": { "connectionName": "Store", "partitionCount": 2, "maxQueuePollingInterval": "00:00:05",
                  "controlQueueBufferThreshold": 100, "useTablePartitionManagement": false } } } }
            """;
        var settings = new Dictionary<string, string> { ["HUB"] = "TwoZones", ["Store"] = "UseDevelopmentStorage=true" };
        var options = DurableExtensionOptions.FromHostJson(hostJson, n => settings.GetValueOrDefault(n), "w1");
        Assert.Equal("TwoZones", options.HubName);
        Assert.Equal("Store", options.ConnectionName);
        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Equal(8, options.MaxConcurrentActivityFunctions);
        Assert.Equal(6, options.MaxConcurrentOrchestratorFunctions);
        Assert.Equal(2, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.MaxQueuePollingInterval);
        Assert.Equal(100, options.ControlQueueBufferThreshold);
        Assert.False(options.UseTablePartitionManagement);
        Assert.False(options.ToProviderSettings(NullLoggerFactory.Instance).UseTablePartitionManagement);
        Assert.Equal("w1", options.WorkerId);
        Assert.False(options.StartReplacesActiveInstances);

        var anyState = DurableExtensionOptions.FromHostJson(
            """{ "extensions": { "durableTask": { "overridableExistingInstanceStates": "AnyState" } } }""", _ => "UseDevelopmentStorage=true", "w1");
        Assert.True(anyState.StartReplacesActiveInstances);
    }

    [Fact]
    public void Defaults_follow_Durable_except_the_polling_interval()
    {
        var options = DurableExtensionOptions.FromHostJson("{}", _ => "UseDevelopmentStorage=true", "w");
        Assert.Equal("TestHubName", options.HubName);
        Assert.Equal("AzureWebJobsStorage", options.ConnectionName);
        Assert.Equal(4, options.PartitionCount);
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxQueuePollingInterval);
        Assert.Equal(10 * Environment.ProcessorCount, options.MaxConcurrentActivityFunctions);
        Assert.Equal(256, options.ControlQueueBufferThreshold);
        // Durable Functions 3.x leases partitions through the <hub>Partitions table unless host.json says otherwise.
        Assert.True(options.ToProviderSettings(NullLoggerFactory.Instance).UseTablePartitionManagement);
        Assert.Throws<InvalidOperationException>(() => DurableExtensionOptions.FromHostJson(null, _ => null, "w"));
    }

    [Fact]
    public void Worker_id_is_stable_per_app_and_port()
    {
        Assert.Equal(DurableExtensionOptions.StableWorkerId("/app", 7071), DurableExtensionOptions.StableWorkerId("/app/", 7071));
        Assert.NotEqual(DurableExtensionOptions.StableWorkerId("/app", 7071), DurableExtensionOptions.StableWorkerId("/app", 7072));
        Assert.StartsWith(Environment.MachineName + "-", DurableExtensionOptions.StableWorkerId("/app", 7071), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orchestrationTrigger", true)]
    [InlineData("activityTrigger", true)]
    [InlineData("durableClient", true)]
    [InlineData("entityTrigger", false)]
    [InlineData("httpTrigger", false)]
    public void Handles_its_binding_types(string type, bool handled) => Assert.Equal(handled, DurableExtension.Handles(type));

    [Theory]
    [InlineData("[\"A\"]", "\"A\"")]
    [InlineData("[{\"x\":1}]", "{\"x\":1}")]
    [InlineData("[]", null)]
    [InlineData(null, null)]
    [InlineData("\"plain\"", "\"plain\"")]
    public void Activity_input_array_is_unwrapped(string? scheduled, string? expected) =>
        Assert.Equal(expected, WorkerDispatchMiddleware.UnwrapInput(scheduled));
}
