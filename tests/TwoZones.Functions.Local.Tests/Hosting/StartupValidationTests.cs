using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Local.Hosting;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>An app using a trigger, binding or parameter the runtime does not support fails at start with one clear message.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData(typeof(QueueFunctions), "Function 'FromQueue' (", "trigger attribute [QueueTrigger] on parameter 'message' is not supported")]
    [InlineData(typeof(BlobInputFunctions), "Function 'WithBlob' (", "parameter 'content' has attribute [BlobInput], which the local runtime does not support")]
    [InlineData(typeof(LoggerParameterFunctions), "Function 'WithLogger' (", "parameter 'log' is an ILogger")]
    [InlineData(typeof(NoTriggerFunctions), "Function 'NoTrigger' (", "has no trigger parameter")]
    [InlineData(typeof(BadScheduleFunctions), "Function 'BadSchedule'", "is not a six-field CRON expression")]
    public async Task Unsupported_function_fails_start_with_a_message_naming_it(Type functions, string names, string reason)
    {
        using var host = new HostBuilder()
            .ConfigureFunctionsWebApplication()
            .ConfigureServices(services => services.Configure<LocalHostOptions>(o =>
            {
                o.FunctionTypes = [functions];
                o.HttpPort = AzuriteInstance.FreePort();
                o.StorageProbeTimeout = TimeSpan.FromSeconds(1);
            }))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();

        var failure = await Assert.ThrowsAsync<LocalStartupException>(() => host.StartAsync());

        Assert.Contains(names, failure.Message, StringComparison.Ordinal);
        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
        Assert.Equal(failure.Message, failure.ToString());
    }

    [Fact]
    public async Task Invalid_storage_connection_string_fails_start_with_a_clear_message()
    {
        using var host = new HostBuilder()
            .ConfigureFunctionsWebApplication()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "not a connection string" }))
            .ConfigureServices(services => services.Configure<LocalHostOptions>(o =>
            {
                o.FunctionTypes = [typeof(BadScheduleFunctions)];
                o.HttpPort = AzuriteInstance.FreePort();
            }))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();

        var failure = await Assert.ThrowsAsync<LocalStartupException>(() => host.StartAsync());

        Assert.StartsWith("AzureWebJobsStorage is not a valid Azure Storage connection string", failure.Message, StringComparison.Ordinal);
    }

    public sealed class QueueTriggerAttribute(string queueName) : TriggerBindingAttribute
    {
        public string QueueName { get; } = queueName;
    }

    public sealed class BlobInputAttribute(string path) : InputBindingAttribute
    {
        public string Path { get; } = path;
    }

    public static class QueueFunctions
    {
        [Function("FromQueue")]
        public static void Run([QueueTrigger("orders")] string message) => _ = message;
    }

    public static class BlobInputFunctions
    {
        [Function("WithBlob")]
        public static void Run([HttpTrigger("get")] HttpRequest req, [BlobInput("c/b")] string content) => _ = (req, content);
    }

    public static class LoggerParameterFunctions
    {
        [Function("WithLogger")]
        public static void Run([HttpTrigger("get")] HttpRequest req, ILogger log) => _ = (req, log);
    }

    public static class NoTriggerFunctions
    {
        [Function("NoTrigger")]
        public static void Run(string input) => _ = input;
    }

    public static class BadScheduleFunctions
    {
        [Function("BadSchedule")]
        public static void Run([TimerTrigger("every minute")] TimerInfo timer) => _ = timer;
    }
}
