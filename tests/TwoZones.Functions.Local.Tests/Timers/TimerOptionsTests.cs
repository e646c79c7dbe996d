using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TwoZones.Functions.Local.Hosting;
using TwoZones.Testing;

namespace TwoZones.Functions.Local.Tests.Timers;

/// <summary>RunOnStartup and UseMonitor = false, in-process against a real Azurite.</summary>
public sealed class TimerOptionsTests(AzuriteFixture storage) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task RunOnStartup_runs_at_start_and_an_unmonitored_timer_gets_no_schedule_status()
    {
        StartupFunctions.Runs.Clear();
        using var host = new HostBuilder()
            .ConfigureFunctionsWebApplication()
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = storage.ConnectionString,
                ["AzureFunctionsWebHost:hostid"] = "run-on-startup",
            }))
            .ConfigureServices(services => services.Configure<LocalHostOptions>(o =>
            {
                o.FunctionTypes = [typeof(StartupFunctions)];
                o.HttpPort = AzuriteInstance.FreePort();
            }))
            .ConfigureLogging(logging => logging.ClearProviders())
            .Build();
        await host.StartAsync();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (StartupFunctions.Runs.Count < 1 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            var run = Assert.Single(StartupFunctions.Runs);
            Assert.False(run.IsPastDue);
            Assert.Null(run.ScheduleStatus);

            var tables = host.Services.GetRequiredService<TableServiceClient>();
            var row = await tables.GetTableClient(TimerScheduleStore.TableName).GetEntityIfExistsAsync<TableEntity>("run-on-startup", "AtStart");
            Assert.True(row.HasValue);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    public static class StartupFunctions
    {
        public static System.Collections.Concurrent.ConcurrentQueue<TimerInfo> Runs { get; } = new();

        [Function("AtStart")]
        public static void AtStart([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true, UseMonitor = false)] TimerInfo timer) => Runs.Enqueue(timer);
    }
}
