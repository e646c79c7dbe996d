using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Local.Hosting;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Hosting;

/// <summary>Both official entry points (FunctionsApplication.CreateBuilder and HostBuilder.ConfigureFunctionsWebApplication) serve over real Kestrel.</summary>
public sealed class InProcessHostTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task HostBuilder_ConfigureFunctionsWebApplication_with_worker_middleware_serves_functions()
    {
        var port = AzuriteInstance.FreePort();
        using var host = new HostBuilder()
            .ConfigureFunctionsWebApplication(worker => worker.UseMiddleware<StampMiddleware>())
            .ConfigureServices(services => services.Configure<LocalHostOptions>(o =>
            {
                o.FunctionTypes = [typeof(PingFunctions)];
                o.HttpPort = port;
                o.RoutePrefix = string.Empty;
            }))
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = storage.ConnectionString }))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            Assert.Equal("pong stamped", await http.GetStringAsync(new Uri("ping", UriKind.Relative)));
            Assert.NotNull(host.Services.GetRequiredService<Azure.Data.Tables.TableServiceClient>());
            Assert.Equal(port, host.Services.GetRequiredService<LocalHostOptions>().HttpPort);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task FunctionsApplication_builder_serves_functions_and_middleware_added_on_the_builder()
    {
        var port = AzuriteInstance.FreePort();
        var builder = FunctionsApplication.CreateBuilder([]);
        builder.ConfigureFunctionsWebApplication();
        builder.UseWhen<StampMiddleware>(context => context.FunctionDefinition.Name == "Ping");
        builder.Configuration["AzureWebJobsStorage"] = storage.ConnectionString;
        builder.Logging.ClearProviders();
        builder.Services.Configure<LocalHostOptions>(o =>
        {
            o.FunctionTypes = [typeof(PingFunctions)];
            o.HttpPort = port;
        });
        using var host = builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
        await host.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            Assert.Equal("pong stamped", await http.GetStringAsync(new Uri("api/ping", UriKind.Relative)));
            using var response = await http.GetAsync(new Uri("api/ping2", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("pong", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public sealed class StampMiddleware : IFunctionsWorkerMiddleware
    {
        public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
        {
            context.Items["stamp"] = " stamped";
            return next(context);
        }
    }

    public static class PingFunctions
    {
        [Function("Ping")]
        public static IActionResult Ping([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping")] HttpRequest req, FunctionContext context)
            => new ContentResult { Content = "pong" + (context.Items.TryGetValue("stamp", out var stamp) ? stamp : string.Empty), StatusCode = 200 };

        [Function("Ping2")]
        public static string Ping2([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ping2")] HttpRequest req, FunctionContext context)
            => "pong" + (context.Items.TryGetValue("stamp", out var stamp) ? stamp : string.Empty);
    }
}
