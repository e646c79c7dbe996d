using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TwoZones.Functions.Catalogue;
using TwoZones.Functions.Evidence;
using TwoZones.Functions.Exports;
using TwoZones.Functions.StatusUpdates;
using TwoZones.Storage;
using TwoZones.Storage.Evidence;

namespace TwoZones.Functions.Hosting;

/// <summary>Registers the services behind the exports, sheet uploads, feeds, calendars and evidence files.</summary>
internal static class OfficeFormatsServiceCollectionExtensions
{
    /// <summary>Adds them.</summary>
    public static IServiceCollection AddTwoZonesOfficeFormats(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<StoredItems>();
        services.AddSingleton<SheetCatalogues>();
        services.AddSingleton<StatusUpdateAnswers>();
        services.AddSingleton(sp =>
        {
            // Container names are lowercase; the table prefix keeps deployments that share an account apart here too.
            var container = (configuration["TwoZones:TablePrefix"] ?? string.Empty).ToLowerInvariant() + "evidence";
            return new EvidenceRepository(sp.GetRequiredService<TwoZonesTables>(), CreateBlobServiceClient(configuration).GetBlobContainerClient(container), sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<EvidenceEndpoints>();
        return services;
    }

    /// <summary>
    /// The Blob service of the app's storage account: from the <c>AzureWebJobsStorage</c> connection string (Azurite locally), or, as the
    /// Functions host reads identity-based connections, <c>AzureWebJobsStorage__blobServiceUri</c> with the managed identity named by
    /// <c>AzureWebJobsStorage__clientId</c>.
    /// </summary>
    private static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration)
    {
        var options = new BlobClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        var connectionString = configuration["AzureWebJobsStorage"];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new BlobServiceClient(connectionString, options);
        }

        var blobServiceUri = configuration["AzureWebJobsStorage:blobServiceUri"]
            ?? throw new InvalidOperationException("Evidence storage is not configured: set AzureWebJobsStorage, or AzureWebJobsStorage__blobServiceUri (+ AzureWebJobsStorage__clientId).");
        var clientId = configuration["AzureWebJobsStorage:clientId"];
        var credential = string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new BlobServiceClient(new Uri(blobServiceUri), credential, options);
    }
}
