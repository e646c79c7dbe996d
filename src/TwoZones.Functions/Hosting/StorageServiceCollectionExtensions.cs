using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TwoZones.Storage;
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
        services.AddSingleton(_ =>
        {
            var connectionString = configuration["AzureWebJobsStorage"];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("The AzureWebJobsStorage setting is missing; set it to an Azure Storage connection string or UseDevelopmentStorage=true.");
            }

            var options = new TableClientOptions();
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.MaxRetries = 2;
            options.Retry.Delay = TimeSpan.FromMilliseconds(200);
            options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(15);
            return new TwoZonesTables(new TableServiceClient(connectionString, options), configuration["TwoZones:TablePrefix"] ?? string.Empty);
        });
        services.AddSingleton<ItemRepository>();
        services.AddSingleton<CatalogueRepository>();
        services.AddSingleton(sp =>
        {
            var tables = sp.GetRequiredService<TwoZonesTables>();
            return new UploadRepository(tables.Service, configuration["TwoZones:TablePrefix"] ?? string.Empty);
        });
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
