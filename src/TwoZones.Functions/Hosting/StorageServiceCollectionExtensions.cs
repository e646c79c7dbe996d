using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TwoZones.Storage;
using TwoZones.Storage.History;
using TwoZones.Storage.Indicators;
using TwoZones.Storage.Seals;
using TwoZones.Storage.Uploads;

namespace TwoZones.Functions.Hosting;

/// <summary>Registers the app's Azure Tables access, built from the <c>AzureWebJobsStorage</c> connection string.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TwoZonesTables"/>, the repositories and a start-up step that creates the tables.
    /// The app makes its own <see cref="TableServiceClient"/> (the official SDK registers none) with short retries, so an outage
    /// is answered with 503 in seconds instead of after the SDK's long default back-off.
    /// </summary>
    public static IServiceCollection AddTwoZonesStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
            return new TwoZonesTables(CreateServiceClient(configuration, options), sp.GetRequiredService<IOptions<TableOptions>>().Value.TablePrefix);
        });
        services.AddSingleton<ItemRepository>();
        services.AddSingleton<CatalogueRepository>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<SealRepository>();
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<TwoZonesTables>();
            return new UploadRepository(tables.Service, sp.GetRequiredService<IOptions<TableOptions>>().Value.TablePrefix);
        });
        services.AddSingleton(sp => new IndicatorRepository(
            sp.GetRequiredService<TwoZonesTables>().Service, sp.GetRequiredService<TimeProvider>(), configuration["TwoZones:TablePrefix"] ?? string.Empty));
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    /// <summary>
    /// A connection string (local runs, Azurite) or, as the Functions host reads identity-based connections,
    /// <c>AzureWebJobsStorage__tableServiceUri</c> with the managed identity named by <c>AzureWebJobsStorage__clientId</c>.
    /// The endpoint comes from configuration, never from a cloud-specific suffix, so Azure China works unchanged.
    /// </summary>
    private static TableServiceClient CreateServiceClient(IConfiguration configuration, TableClientOptions options)
    {
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new TableServiceClient(connectionString, options);
        }

        var tableServiceUri = configuration["AzureWebJobsStorage:tableServiceUri"];
        if (string.IsNullOrWhiteSpace(tableServiceUri))
        {
            throw new InvalidOperationException(
                "Storage is not configured: set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true for Azurite), " +
                "or AzureWebJobsStorage__tableServiceUri (+ AzureWebJobsStorage__clientId) for a managed identity.");
        }

        var clientId = configuration["AzureWebJobsStorage:clientId"];
        var credential = string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new TableServiceClient(new Uri(tableServiceUri), credential, options);
    }
}
