using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TwoZones.Functions.Local.Hosting;

namespace TwoZones.Functions.Local.Durable;

/// <summary>Installs Durable Functions in the local host: the engine, its triggers, the <c>[DurableClient]</c> binding and the management endpoints.</summary>
internal sealed class DurableExtensionStartup : ILocalExtensionStartup
{
    public void Configure(IServiceCollection services)
    {
        services.AddSingleton(sp =>
        {
            var host = sp.GetService<LocalHostOptions>() ?? new LocalHostOptions();
            return new DurableOptions
            {
                HubName = host.DurableHubName,
                MaxConcurrentActivityFunctions = host.MaxConcurrentActivityFunctions,
                MaxConcurrentOrchestratorFunctions = host.MaxConcurrentOrchestratorFunctions,
                HttpBaseUrl = $"http://localhost:{host.HttpPort}/runtime/webhooks/durabletask",
            };
        });
        services.AddSingleton(sp => new DurableStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<DurableOptions>().HubName));
        services.AddSingleton(sp => new DurableEngine(
            sp.GetRequiredService<DurableStore>(),
            sp.GetRequiredService<DurableOptions>(),
            sp.GetRequiredService<IFunctionInvoker>,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        services.AddSingleton(sp => new LocalDurableTaskClient(sp.GetRequiredService<DurableEngine>(), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<LocalDurableTaskClient>());
        services.AddSingleton<ITriggerProvider, DurableTriggerProvider>();
        services.AddSingleton<IInputBindingProvider, DurableClientBindingProvider>();
        services.AddSingleton<IEndpointContributor, DurableManagementEndpoints>();
    }
}
